import { parseRoute, type Route } from './route';

/** The current Route, as reactive state: the one listener for the URL hash in the app. */
class Router {
  route: Route = $state(parseRoute(window.location.hash));

  constructor() {
    window.addEventListener('hashchange', () => (this.route = parseRoute(window.location.hash)));
  }

  /** Goes to `href` in place: the address changes without a history entry or a page jump. */
  replace(href: string): void {
    history.replaceState(null, '', href);
    this.route = parseRoute(href);
  }
}

export const router = new Router();
