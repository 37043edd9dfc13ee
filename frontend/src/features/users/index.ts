export { ChangePasswordModal } from './components/ChangePasswordModal';
export { UsersPage } from './components/UsersPage';
