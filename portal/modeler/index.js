/**
 * The process editor as a module the portal app loads on its editor page (/processes/edit/<key>,
 * /processes/new): built on its own into /assets/build/modeler.{js,css} because the properties
 * panel's entries are preact JSX, then imported by the app at run time
 * (portal/app/features/processes/EditorPage.tsx). The page (toolbar, problems list, check and
 * deploy through the API) is the app's; this module gives it the bpmn-js modeler with Camunda 8's
 * properties panel, the ito: groups, the problem markers and the Persian labels.
 */
export { createEditor, newDiagram } from './editor';
