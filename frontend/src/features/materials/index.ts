export { MaterialPicker } from './components/MaterialPicker';
export type { MaterialPickerProps } from './components/MaterialPicker';
export { MaterialsPage } from './components/MaterialsPage';
export { NewsEditorPage } from './news/components/NewsEditorPage';
export { NewsListPage } from './news/components/NewsListPage';
