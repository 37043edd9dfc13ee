export { TemplateDetailPage } from './components/TemplateDetailPage';
export { TemplatesPage } from './components/TemplatesPage';
