import { ServiceError } from './ServiceError.js';

export interface PolicyCheck {
  /** Findings that make the policy invalid for a secret, as ValidateResourcePolicy lists them. */
  errors: { CheckName: string; ErrorMessage: string }[];
  /** True when a statement allows everyone (`"Principal": "*"` or `{"AWS": "*"}`) without a Condition. */
  public: boolean;
}

const malformed = (why: string) => new ServiceError('MalformedPolicyDocumentException', `This resource policy contains a syntax error: ${why}`);

/**
 * Reads a resource policy as IAM's grammar has it (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html):
 * JSON text that is not an object with a Statement is a syntax error (MalformedPolicyDocumentException);
 * a well-formed policy can still fail the checks ValidateResourcePolicy reports (an Effect other than
 * Allow or Deny, no Principal, no Action). Public access is what BlockPublicPolicy refuses.
 */
export function checkPolicy(text: string): PolicyCheck {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw malformed(`it is not valid JSON (${(error as Error).message}).`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw malformed('the document must be a JSON object.');
  const policy = doc as Record<string, unknown>;
  const version = policy['Version'];
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') throw malformed(`the Version ${JSON.stringify(version)} is not 2012-10-17 or 2008-10-17.`);
  const raw = policy['Statement'];
  if (raw === undefined) throw malformed('the document has no Statement.');
  const statements = Array.isArray(raw) ? raw : [raw];
  const errors: PolicyCheck['errors'] = [];
  let isPublic = false;
  statements.forEach((statement, i) => {
    if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) throw malformed(`Statement ${i + 1} is not an object.`);
    const s = statement as Record<string, unknown>;
    const where = `Statement ${i + 1}`;
    if (s['Effect'] !== 'Allow' && s['Effect'] !== 'Deny') errors.push({ CheckName: 'SYNTAX_CHECK', ErrorMessage: `${where}: Effect must be Allow or Deny.` });
    if (s['Action'] === undefined && s['NotAction'] === undefined) errors.push({ CheckName: 'SYNTAX_CHECK', ErrorMessage: `${where}: a statement needs Action or NotAction.` });
    const principal = s['Principal'] ?? s['NotPrincipal'];
    if (principal === undefined) errors.push({ CheckName: 'SYNTAX_CHECK', ErrorMessage: `${where}: a resource policy statement needs a Principal.` });
    const everyone = principal === '*' || (typeof principal === 'object' && principal !== null && ([] as unknown[]).concat((principal as Record<string, unknown>)['AWS']).includes('*'));
    if (s['Effect'] === 'Allow' && everyone && s['Condition'] === undefined) isPublic = true;
  });
  return { errors, public: isPublic };
}
