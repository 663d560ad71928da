/**
 * The audit role's maximum session, and what the collectors ask AssumeRole for: the IAM default
 * of one hour, also the most a chained role session may last (AssumeRole's DurationSeconds doc
 * comment in @aws-sdk/client-sts: "Role chaining limits ... role session to a maximum of one hour").
 */
export const AUDIT_ROLE_SESSION_SECONDS = 3600;

/**
 * Actions the collectors call that belong to the CALLER (the audit function's own role, or the
 * person running `lzkit audit`), never to the audit role: entering an account is not reading it,
 * and GetCallerIdentity needs no permission ("No permissions are required to perform this
 * operation", its doc comment in @aws-sdk/client-sts).
 */
export const CALLER_ACTIONS: readonly string[] = ['sts:AssumeRole', 'sts:GetCallerIdentity'];
