import type { TFunction } from 'i18next';
import type { CallbackEventFieldsFragment, FanActivity } from '../../gql/graphql';

/** `type` of a fan's message (its MsgType). */
export const MESSAGE_TYPES = ['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link'] as const;

/** `type` of an event (its lower-case Event); the server names a LOCATION event `location_report`. */
export const EVENT_TYPES = [
  'subscribe',
  'unsubscribe',
  'scan',
  'click',
  'view',
  'scancode_push',
  'scancode_waitmsg',
  'templatesendjobfinish',
  'masssendjobfinish',
  'location_report',
] as const;

const KNOWN_TYPES: ReadonlySet<string> = new Set([...MESSAGE_TYPES, ...EVENT_TYPES]);

/** Template delivery reports: dispatch's business, hidden from the console unless asked for. */
export const DELIVERY_REPORT_TYPE = 'templatesendjobfinish';

/** What the console asks the server for: only some types (empty: every type), and types left out (in SQL). */
export interface EventsFilter {
  types: readonly string[];
  excludeTypes: readonly string[];
}

/**
 * The console's filter: the chosen types (delivery reports too when chosen), else every type, delivery reports left
 * out unless shown. The server leaves them out, so pages are full, totals honest, and types it adds later are shown.
 */
export function eventsFilter(chosen: readonly string[], showDeliveryReports: boolean): EventsFilter {
  if (chosen.length > 0) return { types: [...chosen], excludeTypes: [] };
  return { types: [], excludeTypes: showDeliveryReports ? [] : [DELIVERY_REPORT_TYPE] };
}

export type EventGroup = 'message' | 'event';

type TypedEvent = Pick<CallbackEventFieldsFragment, 'type' | 'msgType'>;

/** Messages come from a fan's chat; everything with MsgType `event` is an event. */
export function eventGroup(event: TypedEvent): EventGroup {
  return event.msgType === 'event' ? 'event' : 'message';
}

/** A stable key for counting and labels. */
export function typeKey(event: TypedEvent): string {
  return event.type;
}

/** Translated name of the event's type; unknown types verbatim. */
export function typeLabel(t: TFunction, event: TypedEvent): string {
  const key = typeKey(event);
  return KNOWN_TYPES.has(key) ? t(`events.types.${key}`) : key;
}

/** Tag colour per group. */
export const GROUP_COLORS: Record<EventGroup, string> = { message: 'blue', event: 'purple' };

/** Does a pushed event pass the filter (no types = every type, then none of the excluded)? Same rule as the server. */
export function matchesFilter(filter: EventsFilter, event: Pick<CallbackEventFieldsFragment, 'type'>): boolean {
  const type = event.type.toLowerCase();
  const only = filter.types.map((t) => t.toLowerCase());
  return (only.length === 0 || only.includes(type)) && !filter.excludeTypes.some((t) => t.toLowerCase() === type);
}

/** Parses `?types=text,subscribe`. */
export function parseTypes(value: string | null): string[] {
  if (!value) return [];
  return [...new Set(value.split(',').map((type) => type.trim()).filter(Boolean))];
}

/** Every FanActivity, in the order the simulate panel offers them. */
export const FAN_ACTIVITIES: readonly FanActivity[] = [
  'TEXT',
  'IMAGE',
  'VOICE',
  'VIDEO',
  'SHORTVIDEO',
  'LOCATION',
  'LINK',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'SCAN',
  'CLICK',
  'VIEW',
  'SCANCODE_PUSH',
  'SCANCODE_WAITMSG',
  'LOCATION_REPORT',
];

/** Activities whose callback carries a text the operator types. */
export const ACTIVITIES_WITH_CONTENT: ReadonlySet<FanActivity> = new Set<FanActivity>(['TEXT']);

/** Activities whose callback carries an EventKey (menu key, QR scene, URL). */
export const ACTIVITIES_WITH_EVENT_KEY: ReadonlySet<FanActivity> = new Set<FanActivity>([
  'SUBSCRIBE',
  'SCAN',
  'CLICK',
  'VIEW',
  'SCANCODE_PUSH',
  'SCANCODE_WAITMSG',
]);
