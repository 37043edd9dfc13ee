export { EventsConsolePage } from './components/EventsConsolePage';
export { WeChatConnectionCard } from './components/WeChatConnectionCard';
