export { SignInPage } from './components/SignInPage';
export { ChangePasswordPage } from './components/ChangePasswordPage';
