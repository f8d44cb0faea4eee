import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { preloadMapView } from './features/finder/finder.js';
import { parseRoute } from './routing/route.js';
import './i18n/index.js';
import './styles.css';

// The finder shows a map beside its list: its code starts downloading now, alongside the first render.
if (parseRoute(window.location.pathname).view === 'finder') void preloadMapView().catch(() => undefined);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
