/**
 * Properties-panel groups for the engine's own extensions (compiler/ito-moddle.json), where Camunda
 * has nothing: working-day SLAs and four-eyes rules on user tasks, working-day timers, how a
 * message throw publishes, how a service task runs (ito:execution), and on the process who starts it and its published decision time. Each field writes the attribute the compiler reads (compiler/ito.ts);
 * the checks here only help while typing, the server's check is the judge.
 */
import { SelectEntry, TextFieldEntry, isSelectEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import { getExtensionAttribute, setExtensionAttribute } from './extension-element';

const LOW_PRIORITY = 400;

/** An ISO 8601 duration such as P10D, PT36H or P1DT12H (what compiler/ito.ts accepts as dueIn and timeToLive). */
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

const EXTENSIONS = {
  sla: { type: 'ito:TaskSla', attributes: ['dueIn', 'calendar'] },
  fourEyes: { type: 'ito:FourEyes', attributes: ['notCompletedBy'] },
  workingDays: { type: 'ito:WorkingDays', attributes: ['calendar'] },
  publish: { type: 'ito:Publish', attributes: ['correlationKey', 'timeToLive'] },
  startedBy: { type: 'ito:StartedBy', attributes: ['value'] },
  decisionTime: { type: 'ito:DecisionTime', attributes: ['within', 'calendar'] },
  execution: { type: 'ito:Execution', attributes: ['mode'] },
};

/** Whole working days, as compiler/rules/decision-time.ts accepts them. */
const WORKING_DAYS = /^P[1-9][0-9]{0,2}D$/;

export default function ItoPropertiesProvider(propertiesPanel, config) {
  const calendars = (config && config.calendars) || ['iran'];
  const taskTypes = (config && config.taskTypes) || [];

  this.getGroups = (element) => (groups) => {
    if (is(element, 'bpmn:Process')) {
      groups.push(group('ito-started-by', 'آغازکننده · Started by', [
        entry(element, 'ito-started-by', StarterField, { extension: EXTENSIONS.startedBy, name: 'value' }, isSelectEntryEdited),
      ]));
      groups.push(group('ito-decision-time', 'زمان رسیدگی · Decision time', [
        entry(element, 'ito-decision-time-within', DurationField, { extension: EXTENSIONS.decisionTime, name: 'within', pattern: WORKING_DAYS, label: 'ظرف · Within (working days, e.g. P30D)', description: 'زمان اعلام‌شده تا تصمیم؛ روزهای انتظار برای متقاضی شمرده نمی‌شود. The published time to a decision; days waiting for the applicant do not count.' }),
        entry(element, 'ito-decision-time-calendar', CalendarField, { extension: EXTENSIONS.decisionTime, name: 'calendar', calendars, noneLabel: '(بدون زمان اعلام‌شده · none published)' }, isSelectEntryEdited),
      ]));
    }
    if (is(element, 'bpmn:UserTask')) {
      groups.push(group('ito-sla', 'مهلت کاری · SLA', [
        entry(element, 'ito-sla-due-in', DurationField, { extension: EXTENSIONS.sla, name: 'dueIn', label: 'مهلت · Due in (ISO 8601, e.g. P10D)', description: 'روزها روز کاری تقویم شمرده می‌شوند. Days count working days of the calendar.' }),
        entry(element, 'ito-sla-calendar', CalendarField, { extension: EXTENSIONS.sla, name: 'calendar', calendars }, isSelectEntryEdited),
      ]));
      groups.push(group('ito-four-eyes', 'چهار چشم · Four eyes', [
        entry(element, 'ito-four-eyes-not-completed-by', TaskListField, { extension: EXTENSIONS.fourEyes, name: 'notCompletedBy', label: 'انجام‌دهنده نباشد در · Not completed by the completer of', description: 'شناسه وظایف کاربری، جدا با ویرگول. User task ids, comma-separated.' }),
      ]));
    }
    if (is(element, 'bpmn:ServiceTask') && taskTypes.length) {
      groups.push(group('ito-task-type', 'کار موتور · Engine task', [
        entry(element, 'ito-task-type', TaskTypeField, { taskTypes }, isSelectEntryEdited),
        entry(element, 'ito-task-type-help', TaskTypeHelp, { taskTypes }),
      ]));
    }
    if (is(element, 'bpmn:ServiceTask')) {
      groups.push(group('ito-execution', 'اجرا · Execution', [
        entry(element, 'ito-execution-mode', ExecutionModeField, { extension: EXTENSIONS.execution, name: 'mode' }, isSelectEntryEdited),
      ]));
    }
    if (isTimerEvent(element)) {
      groups.push(group('ito-working-days', 'روز کاری · Working days', [
        entry(element, 'ito-working-days-calendar', CalendarField, { extension: EXTENSIONS.workingDays, name: 'calendar', calendars, noneLabel: '(روز تقویمی · calendar days)' }, isSelectEntryEdited),
      ]));
    }
    if (isMessageThrow(element)) {
      groups.push(group('ito-publish', 'انتشار پیام · Publish', [
        entry(element, 'ito-publish-correlation-key', CorrelationKeyField, { extension: EXTENSIONS.publish, name: 'correlationKey', label: 'کلید همبستگی · Correlation key (FEEL, e.g. =trackingNumber)' }),
        entry(element, 'ito-publish-time-to-live', DurationField, { extension: EXTENSIONS.publish, name: 'timeToLive', label: 'مدت نگهداری · Time to live (ISO 8601, e.g. PT1H)' }),
      ]));
    }
    return groups;
  };

  propertiesPanel.registerProvider(LOW_PRIORITY, this);
}

ItoPropertiesProvider.$inject = ['propertiesPanel', 'config.ito'];

function group(id, label, entries) {
  return { id, label, entries };
}

/** The panel renders `<component {...entry} />`, so the props travel on the entry (the component stays the same between renders). */
function entry(element, id, component, props, isEdited = isTextFieldEntryEdited) {
  return { id, element, component, isEdited, ...props };
}

function isTimerEvent(element) {
  return is(element, 'bpmn:CatchEvent') && eventDefinition(element, 'bpmn:TimerEventDefinition');
}

function isMessageThrow(element) {
  return is(element, 'bpmn:SendTask') || (is(element, 'bpmn:ThrowEvent') && eventDefinition(element, 'bpmn:MessageEventDefinition'));
}

function eventDefinition(element, type) {
  return (getBusinessObject(element).get('eventDefinitions') || []).some((d) => is(d, type));
}

/** get/set of one extension attribute, through the modeler's command stack (undo works). */
function useAttribute(element, { type, attributes }, name) {
  const injector = useService('injector');
  return {
    getValue: () => getExtensionAttribute(element, type, name),
    setValue: (value) => setExtensionAttribute(injector, element, type, attributes, name, value),
  };
}

function DurationField({ element, id, extension, name, label, description, pattern = ISO_DURATION }) {
  const debounce = useService('debounceInput');
  const { getValue, setValue } = useAttribute(element, extension, name);
  const validate = (value) => (!value || pattern.test(value.trim()) ? null : 'مدت ISO 8601 نیست · Not an ISO 8601 duration, e.g. P10D');
  return <TextFieldEntry element={element} id={id} label={label} description={description} getValue={getValue} setValue={setValue} debounce={debounce} validate={validate} />;
}

function CorrelationKeyField({ element, id, extension, name, label }) {
  const debounce = useService('debounceInput');
  const { getValue, setValue } = useAttribute(element, extension, name);
  return <TextFieldEntry element={element} id={id} label={label} getValue={getValue} setValue={setValue} debounce={debounce} />;
}

function CalendarField({ element, id, extension, name, calendars, noneLabel }) {
  const { getValue, setValue } = useAttribute(element, extension, name);
  const getOptions = () => {
    const current = getValue();
    const ids = current && !calendars.includes(current) ? [...calendars, current] : calendars;
    return [{ value: '', label: noneLabel || '(بدون مهلت · no SLA)' }, ...ids.map((c) => ({ value: c, label: c }))];
  };
  return <SelectEntry element={element} id={id} label="تقویم کاری · Working-day calendar" getValue={getValue} setValue={setValue} getOptions={getOptions} />;
}

function StarterField({ element, id, extension, name }) {
  const { getValue, setValue } = useAttribute(element, extension, name);
  const getOptions = () => [
    { value: '', label: 'متقاضیان (درخواست) · applicants' },
    { value: 'regulator', label: 'فقط مدیران سازمان · the regulator only' },
  ];
  return <SelectEntry element={element} id={id} label="چه کسی نمونه را آغاز می‌کند · Who starts instances" getValue={getValue} setValue={setValue} getOptions={getOptions} />;
}

/** ito:execution mode: a normal activity on the task queue (the default) or a local activity for short tasks. */
function ExecutionModeField({ element, id, extension, name }) {
  const { getValue, setValue } = useAttribute(element, extension, name);
  const getOptions = () => [
    { value: '', label: 'کارگر (پیش‌فرض) · worker (default)' },
    { value: 'local', label: 'محلی، برای کارهای کوتاه · local, for short tasks' },
  ];
  return <SelectEntry element={element} id={id} label="شیوه اجرا · How it runs" getValue={getValue} setValue={setValue} getOptions={getOptions} />;
}

function TaskListField({ element, id, extension, name, label, description }) {
  const debounce = useService('debounceInput');
  const elementRegistry = useService('elementRegistry');
  const { getValue, setValue } = useAttribute(element, extension, name);
  const validate = (value) => {
    const ids = (value || '').split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.includes(element.id)) return 'وظیفه نمی‌تواند خودش را نام ببرد · A task cannot name itself';
    const unknown = ids.filter((taskId) => {
      const shape = elementRegistry.get(taskId);
      return !shape || !is(shape, 'bpmn:UserTask');
    });
    return unknown.length ? `وظیفه کاربری نیست · Not a user task: ${unknown.join(', ')}` : null;
  };
  return <TextFieldEntry element={element} id={id} label={label} description={description} getValue={getValue} setValue={setValue} debounce={debounce} validate={validate} />;
}

const TASK_DEFINITION = { type: 'zeebe:TaskDefinition', attributes: ['type', 'retries'] };

/** The handlers this engine runs (GET /api/service-task-types): choosing one writes zeebe:taskDefinition type. */
function TaskTypeField({ element, id, taskTypes }) {
  const { getValue, setValue } = useAttribute(element, TASK_DEFINITION, 'type');
  const getOptions = () => {
    const current = getValue();
    const known = taskTypes.some((t) => t.type === current);
    return [
      { value: known ? '' : current, label: current && !known ? `${current} (ناشناخته · unknown to this engine)` : '(انتخاب کنید · choose)' },
      ...taskTypes.map((t) => ({ value: t.type, label: `${t.name.fa} · ${t.name.en} (${t.type})` })),
    ];
  };
  const choose = (value) => {
    if (value) setValue(value);
  };
  return <SelectEntry element={element} id={id} label="نوع کار · Task type" getValue={getValue} setValue={choose} getOptions={getOptions} />;
}

/** What the chosen type does and what it needs, so the model can be completed without reading code. */
function TaskTypeHelp({ element, taskTypes }) {
  const current = getExtensionAttribute(element, TASK_DEFINITION.type, 'type');
  const chosen = taskTypes.find((t) => t.type === current);
  if (!chosen) return null;
  const list = (items) => (items.length ? items.join('، ') : '—');
  return (
    <div class="bio-properties-panel-entry ito-task-type-help" data-testid="task-type-help">
      <p dir="rtl">{chosen.description.fa}</p>
      <p dir="ltr">{chosen.description.en}</p>
      {chosen.headers.length ? (
        <ul>
          {chosen.headers.map((h) => (
            <li key={h.key}><code>{h.key}</code>{h.required ? ' (لازم · required)' : ''}: {h.description.fa} · {h.description.en}</li>
          ))}
        </ul>
      ) : null}
      <p dir="ltr">Sets: {list(chosen.sets)} · BPMN errors: {list(chosen.errors)}</p>
    </div>
  );
}
