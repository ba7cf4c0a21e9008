/**
 * form-js says its validation messages in English only. In Persian, this module puts each known
 * message into Persian (numbers in Persian digits) by decorating form-js's `validator` service; a
 * message it does not know (a schema's own patternErrorMessage) passes through unchanged.
 */
const faDigits = (n: string) => Number(n).toLocaleString('fa-IR', { useGrouping: false });

const PERSIAN: [RegExp, (...groups: string[]) => string][] = [
  [/^Field is required\.$/, () => 'پر کردن این خانه لازم است.'],
  [/^Field must have minimum length of (\d+)\.$/, (n) => `دست‌کم ${faDigits(n)} نویسه لازم است.`],
  [/^Field must have maximum length of (\d+)\.$/, (n) => `حداکثر ${faDigits(n)} نویسه مجاز است.`],
  [/^Field must have minimum value of (-?[\d.]+)\.$/, (n) => `کمترین مقدار مجاز ${faDigits(n)} است.`],
  [/^Field must have maximum value of (-?[\d.]+)\.$/, (n) => `بیشترین مقدار مجاز ${faDigits(n)} است.`],
  [/^Value is not a number\.$/, () => 'مقدار باید عدد باشد.'],
  [/^Value is expected to be an integer\.$/, () => 'مقدار باید عدد صحیح باشد.'],
  [/^Field must match pattern /, () => 'قالب این مقدار درست نیست.'],
  [/^Field must be a valid email\.$/, () => 'نشانی رایانامه معتبر نیست.'],
  [/^Field must be a valid +international phone number/, () => 'شماره تلفن بین‌المللی معتبر نیست.'],
];

export function persianFormMessage(message: string): string {
  for (const [pattern, say] of PERSIAN) {
    const m = pattern.exec(message);
    if (m) return say(...m.slice(1));
  }
  return message;
}

interface ValidatorService {
  validateFieldInstance(instance: unknown, value: unknown): string[];
}

/** A form-js module: in Persian, the validator's messages in Persian. */
export function formMessagesModule(locale: string) {
  return {
    __init__: [['validator', (validator: ValidatorService) => {
      if (locale === 'en') return;
      const original = validator.validateFieldInstance.bind(validator);
      validator.validateFieldInstance = (instance, value) => original(instance, value).map(persianFormMessage);
    }]],
  };
}
