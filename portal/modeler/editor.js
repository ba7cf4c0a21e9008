/**
 * The bpmn-js modeler as this engine reads models: Camunda 8's `zeebe:` properties (the same
 * properties panel and behaviours as Camunda Modeler) plus the engine's `ito:` extensions, both
 * described by the moddle files the compiler parses with.
 */
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import itoModdle from '../../compiler/ito-moddle.json';
import ItoPropertiesModule from './ito-properties';
import PersianModule from './i18n';
import ProblemsModule from './problems';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import './modeler.css';

/** A new executable process: one start event, namespaces for zeebe: and ito: declared. */
export function newDiagram(processId) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:ito="${itoModdle.uri}" id="Definitions_${processId}" targetNamespace="http://ito.ir/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${processId}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1"><dc:Bounds x="180" y="160" width="36" height="36" /></bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

export function createEditor({ container, propertiesParent, calendars, taskTypes }) {
  return new BpmnModeler({
    container,
    keyboard: { bind: true }, // keys act when the canvas has focus (click it or tab to it)
    propertiesPanel: { parent: propertiesParent },
    ito: { calendars, taskTypes },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      ZeebePropertiesProviderModule,
      ZeebeBehaviorsModule,
      ItoPropertiesModule,
      ProblemsModule,
      PersianModule,
    ],
    moddleExtensions: { zeebe: zeebeModdle, ito: itoModdle },
  });
}
