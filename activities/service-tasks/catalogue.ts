/**
 * What each built-in service-task type does, in words an administrator reads in the process
 * editor: its name, what it reads and sets, the headers it needs and the BPMN errors it may throw.
 * The editor offers these types, the deploy check warns about a type no handler runs or a required
 * header left out, and a test keeps this list equal to the handlers activities/index.ts registers.
 * Pure data: the compiler and the browser read it without loading any handler.
 */
export interface Bilingual { fa: string; en: string }

export interface TaskHeader {
  key: string;
  required: boolean;
  description: Bilingual;
}

export interface ServiceTaskType {
  type: string;
  name: Bilingual;
  description: Bilingual;
  headers: TaskHeader[];
  /** Process variables it reads. */
  reads: string[];
  /** Process variables it sets. */
  sets: string[];
  /** BPMN error codes it may throw (a boundary error event can catch them). */
  errors: string[];
}

const header = (key: string, required: boolean, fa: string, en: string): TaskHeader => ({ key, required, description: { fa, en } });

export const SERVICE_TASK_TYPES: readonly ServiceTaskType[] = [
  {
    type: 'issue-certificate',
    name: { fa: 'صدور گواهی', en: 'Issue the certificate' },
    description: {
      fa: 'شماره گواهی را یک بار می‌سازد، PDF دوزبانه را با امضای مرجع صدور امضا و نگهداری می‌کند.',
      en: 'Mints the certificate number once, renders the bilingual PDF, signs it with the issuing CA and stores it.',
    },
    headers: [header('family', false, 'قالب گواهی (definitions/certificate-templates)؛ یا متغیر certificateFamily', 'Certificate template (definitions/certificate-templates); or the variable certificateFamily')],
    reads: ['the variables the template prints', 'certificateFamily', 'renewsNumber', 'legacyNumber'],
    sets: ['certificateNumber'],
    errors: [],
  },
  {
    type: 'notify-applicant',
    name: { fa: 'پیام به متقاضی', en: 'Notify the applicant' },
    description: {
      fa: 'پیام دوزبانه‌ای از قالب‌های definitions/notification-templates.json برای متقاضی می‌فرستد (یک بار برای هر رویداد).',
      en: 'Sends the applicant a bilingual message from definitions/notification-templates.json (once per event).',
    },
    headers: [header('template', true, 'نام قالب پیام', 'The message template name')],
    reads: ['applicant', 'the variables the template quotes'],
    sets: [],
    errors: [],
  },
  {
    type: 'certificate.change-status',
    name: { fa: 'تغییر وضعیت گواهی', en: 'Change a certificate\'s status' },
    description: {
      fa: 'تعلیق، رفع تعلیق یا ابطال گواهی را ثبت می‌کند؛ فقط در فرایندهایی که سازمان آغاز می‌کند، جز ابطال گواهیِ صادرشده برای همان درخواست (بازرسی پسینی).',
      en: 'Records a suspension, reinstatement or revocation; only in processes the regulator starts, except the revocation of the certificate issued for the same application (a post-issue check).',
    },
    headers: [header('decidedBy', false, 'گروهی که ابطال را در فرایند خود درخواست تصمیم گرفت', 'The group that decided an application\'s own revocation')],
    reads: ['certificateNumber', 'action', 'reason', 'requestedBy'],
    sets: ['newStatus'],
    errors: ['status-change-refused'],
  },
  {
    type: 'certificate.check-renewal',
    name: { fa: 'بررسی امکان تمدید', en: 'Check a renewal' },
    description: {
      fa: 'گواهی باید از آنِ سازمان متقاضی و معتبر (یا تازه منقضی) باشد و پیش‌تر تمدید نشده باشد.',
      en: 'The certificate must be the applicant organisation\'s, valid (or just expired) and not renewed already.',
    },
    headers: [],
    reads: ['certificateNumber'],
    sets: ['certificateFamily', 'renewsNumber', 'the subject\'s variables', 'renewalRefusal'],
    errors: ['not-renewable'],
  },
  {
    type: 'certificate.check-paper-claim',
    name: { fa: 'بررسی درخواست تبدیل گواهی کاغذی', en: 'Check a paper-certificate claim' },
    description: {
      fa: 'شناسه ملی باید از آنِ سازمان متقاضی باشد و شماره کاغذی پیش‌تر تبدیل نشده باشد.',
      en: 'The national ID must be the applicant organisation\'s and the paper number not converted already.',
    },
    headers: [],
    reads: ['legacyNumber', 'holderNationalId'],
    sets: ['conversionRefusal'],
    errors: ['not-convertible'],
  },
  {
    type: 'certificate.check-prerequisite',
    name: { fa: 'بررسی گواهی پیش‌نیاز', en: 'Check a prerequisite certificate' },
    description: {
      fa: 'متقاضی باید اکنون گواهی معتبری از خانواده دیگر برای همین موضوع داشته باشد.',
      en: 'The applicant must hold, now, a valid certificate of another family for the same subject.',
    },
    headers: [
      header('family', true, 'خانواده گواهی پیش‌نیاز', 'The prerequisite certificate\'s family'),
      header('numberVariable', true, 'متغیری که شماره گواهی را دارد', 'The variable holding its number'),
      header('matchSubject', false, 'فیلدهای موضوع که باید برابر باشند (با ویرگول)', 'Subject fields that must match (comma-separated)'),
      header('copySubject', false, 'فیلدهای موضوع که به فرایند کپی می‌شوند', 'Subject fields copied into the process'),
      header('condition', false, 'شرط رد در صورت نبود', 'The rejection condition when it is missing'),
    ],
    reads: ['the variable named by numberVariable'],
    sets: ['the copied subject fields', 'rejectionCondition', 'rejectionReasonFa', 'rejectionReasonEn'],
    errors: ['prerequisite-not-met'],
  },
  {
    type: 'register.check-holder',
    name: { fa: 'بررسی عضویت در فهرست', en: 'Check a register holder' },
    description: {
      fa: 'سازمانی که متقاضی برگزیده باید اکنون در فهرست (definitions/registers.json) باشد.',
      en: 'The organisation the applicant chose must be on the register list (definitions/registers.json) now.',
    },
    headers: [
      header('register', true, 'نام فهرست', 'The register list'),
      header('variable', true, 'متغیری که شناسه ملی سازمان را دارد', 'The variable holding the organisation\'s national ID'),
      header('condition', false, 'شرط رد در صورت نبود', 'The rejection condition when it is not listed'),
    ],
    reads: ['the variable named by variable'],
    sets: ['<variable>Name', '<variable>Certificate', 'rejectionCondition', 'rejectionReasonFa', 'rejectionReasonEn'],
    errors: ['not-qualified'],
  },
  {
    type: 'identity.check-national-ids',
    name: { fa: 'بررسی کدهای ملی فهرست افراد', en: 'Check the national IDs of a list of people' },
    description: {
      fa: 'کد ملی هر ردیف باید درست باشد و هیچ کس دو بار برای یک گروه نیامده باشد؛ نتیجه را در متغیرها می‌گذارد.',
      en: 'Each row\'s national ID must be well formed and nobody listed twice for one group; the result goes into variables.',
    },
    headers: [
      header('list', true, 'متغیر فهرست ردیف‌ها', 'The variable holding the rows'),
      header('field', true, 'فیلد کد ملی در هر ردیف', 'The national-ID field of a row'),
      header('nameField', false, 'فیلد نام در هر ردیف', 'The name field of a row'),
      header('groupBy', false, 'فیلدی که تکرار در آن شمرده می‌شود', 'The field duplicates are counted within'),
    ],
    reads: ['the variable named by list'],
    sets: ['personnelProblems', 'personnelProblemsText'],
    errors: [],
  },
  {
    type: 'inquiry.company-registry',
    name: { fa: 'استعلام ثبت شرکت‌ها', en: 'Company registry inquiry' },
    description: {
      fa: 'وضعیت شرکت (نام، فعال یا منحل، مدیران) را از سامانه ثبت شرکت‌ها می‌پرسد؛ پاسخ منفی نتیجه‌ای است که فرایند بر آن شاخه می‌زند. در دسترس نبودن سامانه حادثه‌ای می‌سازد که مدیر دوباره اجرا می‌کند.',
      en: 'Asks the company registry for the company (name, active or struck off, directors); a negative answer is an outcome the process branches on. An unreachable registry makes an incident an administrator retries.',
    },
    headers: [
      header('nationalIdVariable', false, 'متغیری که شناسه ملی شرکت را دارد (پیش‌فرض: سازمان متقاضی)', 'The variable holding the company\'s national ID (default: the applicant organisation)'),
      header('resultVariable', false, 'نام متغیر نتیجه (پیش‌فرض companyRegistry)', 'The result variable (default companyRegistry)'),
    ],
    reads: ['the variable named by nationalIdVariable'],
    sets: ['companyRegistry {found, active, name, status, directors, summaryFa, summaryEn}'],
    errors: [],
  },
  {
    type: 'inquiry.national-identity',
    name: { fa: 'استعلام هویت و تطابق شماره همراه (شاهکار)', en: 'National identity and mobile match (Shahkar)' },
    description: {
      fa: 'برای هر نفر می‌پرسد که شماره همراه به نام همان کد ملی است یا نه.',
      en: 'Asks, for each person, whether the mobile line is registered to that national ID.',
    },
    headers: [
      header('list', false, 'متغیر فهرست افراد (یا nationalIdVariable برای یک نفر)', 'The variable holding the people (or nationalIdVariable for one person)'),
      header('nationalIdField', false, 'فیلد کد ملی در هر ردیف (پیش‌فرض nationalId)', 'The national-ID field of a row (default nationalId)'),
      header('nameField', false, 'فیلد نام در هر ردیف', 'The name field of a row'),
      header('mobileField', false, 'فیلد شماره همراه در هر ردیف (پیش‌فرض mobile)', 'The mobile field of a row (default mobile)'),
      header('nationalIdVariable', false, 'متغیر کد ملی یک نفر', 'The variable holding one person\'s national ID'),
      header('mobileVariable', false, 'متغیر شماره همراه یک نفر', 'The variable holding one person\'s mobile'),
    ],
    reads: ['the variable named by list (or nationalIdVariable, mobileVariable)'],
    sets: ['identityMatch', 'identityMismatches', 'identityMismatchesText'],
    errors: [],
  },
  {
    type: 'inquiry.degree-verification',
    name: { fa: 'استعلام مدرک تحصیلی', en: 'Degree verification' },
    description: {
      fa: 'مدرک و رشته هر نفر را از سامانه مدارک تحصیلی استعلام می‌کند.',
      en: 'Checks each person\'s degree (and field of study) with the degree registry.',
    },
    headers: [
      header('list', false, 'متغیر فهرست افراد (یا nationalIdVariable برای یک نفر)', 'The variable holding the people (or nationalIdVariable for one person)'),
      header('nationalIdField', false, 'فیلد کد ملی در هر ردیف (پیش‌فرض nationalId)', 'The national-ID field of a row (default nationalId)'),
      header('nameField', false, 'فیلد نام در هر ردیف', 'The name field of a row'),
      header('degreeField', false, 'فیلد مدرک در هر ردیف (پیش‌فرض degree)', 'The degree field of a row (default degree)'),
      header('fieldOfStudyField', false, 'فیلد رشته در هر ردیف', 'The field-of-study field of a row'),
      header('nationalIdVariable', false, 'متغیر کد ملی یک نفر', 'The variable holding one person\'s national ID'),
      header('degreeVariable', false, 'متغیر مدرک یک نفر', 'The variable holding one person\'s degree'),
      header('fieldOfStudyVariable', false, 'متغیر رشته یک نفر', 'The variable holding one person\'s field of study'),
    ],
    reads: ['the variable named by list (or the single-person variables)'],
    sets: ['degreesVerified', 'degreeProblems', 'degreeProblemsText'],
    errors: [],
  },
  {
    type: 'payment.request',
    name: { fa: 'درخواست پرداخت هزینه', en: 'Request the fee' },
    description: {
      fa: 'هزینه این درخواست را از داده‌های خدمت (definitions/services) حساب و صورتحساب را یک بار صادر می‌کند؛ پرداخت به صورت پیام payment-settled با کلید کد رهگیری می‌رسد.',
      en: 'Works out the fee from the service data (definitions/services) and opens the payment order once; the paid fee arrives as the message payment-settled, keyed by the tracking number.',
    },
    headers: [
      header('stage', false, 'before-review یا after-review (پیش‌فرض): برای قاعده بازپرداخت', 'before-review or after-review (default): for the refund rule'),
      header('forApplication', false, 'نام متغیری که کد رهگیری درخواست دیگری را دارد (ruledTrackingNumber): هزینه آن درخواست، در صفحه آن پرداخت می‌شود و پیام به همین فرایند می‌رسد', 'The name of a variable holding another application\'s tracking number (ruledTrackingNumber): the fee is that application\'s and paid on its page; the message still comes to this instance'),
    ],
    reads: ['the variables the fee depends on (e.g. activityCategories)', 'with forApplication: that variable, and the named application\'s submitted data'],
    sets: ['paymentDue', 'feeAmount', 'paymentId'],
    errors: [],
  },
  {
    type: 'payment.refund',
    name: { fa: 'بازپرداخت هزینه پیش از بررسی', en: 'Refund the fee before review' },
    description: {
      fa: 'هزینه‌های پرداخت‌شده پیش از بررسی (stage: before-review) را، اگر قاعده خدمت برای این گونه پایان بازپرداخت بگوید و بررسی آغاز نشده باشد، یک بار از راه درگاه بازپرداخت می‌کند و به متقاضی خبر می‌دهد؛ وگرنه دلیل را در سابقه ثبت می‌کند.',
      en: 'Refunds through the gateway, once, every fee paid before review (stage: before-review) when the family rule for this ending says so and review has not started, and tells the applicant; otherwise records why not in the history.',
    },
    headers: [header('reason', true, 'rejected-before-review یا withdrawn-before-review یا lapsed-before-review: کدام قاعده خدمت (refundOnRejectionBeforeReview یا refundOnWithdrawalBeforeReview یا refundOnLapseBeforeReview)', 'rejected-before-review, withdrawn-before-review or lapsed-before-review: which family rule applies (refundOnRejectionBeforeReview, refundOnWithdrawalBeforeReview or refundOnLapseBeforeReview)')],
    reads: ['applicant', 'the application\'s before-review payments'],
    sets: ['refundOutcome', 'refundedAmount', 'refundReference', 'refundNotDueReason'],
    errors: [],
  },
  {
    type: 'application.rule',
    name: { fa: 'حکم درباره درخواست دیگر', en: 'Rule on another application' },
    description: {
      fa: 'فرایند حکم (پایان مهلت قانونی، اعتراض) نتیجه درخواست مورد حکم را ثبت می‌کند؛ اگر آن درخواست در این میان به گونه‌ای دیگر تصمیم‌گیری شده باشد چیزی تغییر نمی‌کند.',
      en: 'A ruling process (legal deadline, appeal) records the outcome of the application it rules on; if that application was decided otherwise meanwhile, nothing changes.',
    },
    headers: [
      header('outcome', true, 'approved یا rejected', 'approved or rejected'),
      header('action', true, 'کنش ثبت‌شده در سابقه (application.*)', 'The audit action recorded (application.*)'),
      header('expect', true, 'running یا rejected: وضعیتی که درخواست باید داشته باشد', 'running or rejected: the state the application must be in'),
    ],
    reads: ['ruledTrackingNumber'],
    sets: ['ruled'],
    errors: [],
  },
];

export function serviceTaskType(type: string): ServiceTaskType | undefined {
  return SERVICE_TASK_TYPES.find((t) => t.type === type);
}
