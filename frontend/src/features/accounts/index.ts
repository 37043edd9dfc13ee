export { AccountCreatePage } from './components/AccountCreatePage';
export { AccountEditPage } from './components/AccountEditPage';
export { AccountsListPage } from './components/AccountsListPage';
export { AccountLayout } from './components/AccountLayout';
