/** Markers on the canvas for the problems the server's check reported. */
import ProblemMarkers from './problem-markers';

export default {
  __init__: ['problemMarkers'],
  problemMarkers: ['type', ProblemMarkers],
};
