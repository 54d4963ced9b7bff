export { homeListLimit, loadHome } from './home-loader.ts';
export type { HomeIncident, HomeModel } from './home-model.ts';
export {
  homeOnIncidentChange,
  homeOpened,
  homeRecentDays,
  homeRepublishLimit,
  openedHomeRecently,
} from './home-service.ts';
