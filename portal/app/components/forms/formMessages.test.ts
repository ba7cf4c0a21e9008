import { persianFormMessage } from './formMessages';

describe('form-js validation messages in Persian', () => {
  it('says the messages form-js knows in Persian, with Persian digits', () => {
    expect(persianFormMessage('Field is required.')).toBe('پر کردن این خانه لازم است.');
    expect(persianFormMessage('Field must have minimum length of 20.')).toBe('دست‌کم ۲۰ نویسه لازم است.');
    expect(persianFormMessage('Field must have maximum value of 100.')).toBe('بیشترین مقدار مجاز ۱۰۰ است.');
    expect(persianFormMessage('Field must match pattern ^[0-9]{11}$.')).toBe('قالب این مقدار درست نیست.');
  });

  it('leaves a message it does not know as the schema wrote it', () => {
    expect(persianFormMessage('شناسه ملی باید ۱۱ رقم باشد / 11 digits')).toBe('شناسه ملی باید ۱۱ رقم باشد / 11 digits');
  });
});
