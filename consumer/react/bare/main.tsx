import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function Hello() {
  return <p>Hello</p>;
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Hello />
  </StrictMode>,
);
