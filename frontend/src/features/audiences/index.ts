export { FanDetailPage } from './components/FanDetailPage';
export { FansPage } from './components/FansPage';
export { SegmentsPage } from './components/SegmentsPage';
export { TagsPage } from './components/TagsPage';
export { UploadsPage } from './components/UploadsPage';
