import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { langFromPath } from './i18n/index.js';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App lang={langFromPath(window.location.pathname)} />
    </StrictMode>,
  );
}
