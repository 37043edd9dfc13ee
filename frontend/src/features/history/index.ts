export { FanSentMessagesCard } from './components/FanSentMessagesCard';
export { HistoryJobsPage } from './components/HistoryJobsPage';
export { RecipientsCard } from './components/RecipientsCard';
