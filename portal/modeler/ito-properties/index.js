/** The properties-panel module for the `ito:` extensions; the moddle descriptor is the compiler's own. */
import ItoPropertiesProvider from './ito-properties-provider';

export default {
  __init__: ['itoPropertiesProvider'],
  itoPropertiesProvider: ['type', ItoPropertiesProvider],
};
