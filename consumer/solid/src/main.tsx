import { render } from 'solid-js/web';
import { Login } from './Login';
import { SharedLogin } from './SharedLogin';

render(
  () => (
    <>
      <Login />
      <SharedLogin />
    </>
  ),
  document.getElementById('root') as HTMLElement,
);
