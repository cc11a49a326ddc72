import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Login } from './Login';
import { SharedLogin } from './SharedLogin';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Login />
    <SharedLogin />
  </StrictMode>,
);
