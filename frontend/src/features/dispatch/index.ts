export { DispatchJobPage } from './components/DispatchJobPage';
export { TemplateSendPage } from './components/TemplateSendPage';
