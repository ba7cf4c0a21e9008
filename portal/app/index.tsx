/** Mounts the portal. The server sends the same page for every portal path; the router takes it from there. */
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import './app.css';

/** Longest wait for the web font before the first render goes ahead with the fallback font. */
const FONT_WAIT_MS = 3000;

/**
 * The first render waits for both Vazirmatn weights (preloaded by index.html): text painted in the
 * fallback font and re-laid-out when the font arrives moves the whole page (a layout shift).
 */
function fontsReady(): Promise<unknown> {
  const loads = Promise.all(['400 1em Vazirmatn', '700 1em Vazirmatn'].map((font) => document.fonts.load(font)));
  return Promise.race([loads, new Promise((resolve) => setTimeout(resolve, FONT_WAIT_MS))]).catch(() => undefined);
}

void fontsReady().then(() => {
  createRoot(document.getElementById('root')!).render(
    <BrowserRouter>
      <App />
    </BrowserRouter>,
  );
});
