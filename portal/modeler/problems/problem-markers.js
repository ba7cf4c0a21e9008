/**
 * Marks the elements the server's check named (POST /api/definitions/check): a red or amber outline
 * and a badge with the number of problems, whose title lists them. Problems about the file as a
 * whole (no element on the canvas) are only in the list beside the diagram.
 */
const OVERLAY_TYPE = 'ito-problems';

export default function ProblemMarkers(canvas, elementRegistry, overlays) {
  let marked = [];

  // an element marked at the last check may since have been renamed or deleted: the marker goes with
  // a deleted element's drawing, and a renamed one is found by the element itself, not its old id
  this.clear = () => {
    for (const { element, marker } of marked) if (elementRegistry.get(element.id) === element) canvas.removeMarker(element, marker);
    overlays.remove({ type: OVERLAY_TYPE });
    marked = [];
  };

  /** Shows `problems` ({elementId, rule, message, severity}[]); returns those with no element on the canvas. */
  this.show = (problems) => {
    this.clear();
    const byElement = new Map();
    const elsewhere = [];
    for (const problem of problems) {
      const element = elementRegistry.get(problem.elementId);
      if (!element || element.type === 'label') { elsewhere.push(problem); continue; }
      if (!byElement.has(element.id)) byElement.set(element.id, []);
      byElement.get(element.id).push(problem);
    }
    for (const [id, found] of byElement) {
      const severity = found.some((p) => p.severity === 'error') ? 'error' : 'warning';
      const marker = `ito-problem-${severity}`;
      canvas.addMarker(id, marker);
      marked.push({ element: elementRegistry.get(id), marker });
      const badge = document.createElement('div');
      badge.className = `ito-problem-badge ${severity}`;
      badge.dataset.testid = 'problem-badge';
      badge.dataset.elementId = id;
      badge.textContent = String(found.length);
      badge.title = found.map((p) => `${p.rule}: ${p.message}`).join('\n');
      overlays.add(id, OVERLAY_TYPE, { position: { top: -10, right: 10 }, html: badge });
    }
    return elsewhere;
  };
}

ProblemMarkers.$inject = ['canvas', 'elementRegistry', 'overlays'];
