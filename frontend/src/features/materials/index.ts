export { MaterialPicker } from './components/MaterialPicker';
export type { MaterialPickerProps } from './components/MaterialPicker';
export { MaterialsPage } from './components/MaterialsPage';
