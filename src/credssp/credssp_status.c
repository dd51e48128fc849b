/* What a server's CredSSP errorCode and the HYBRID_EX Early User Authorization
 * Result mean to a user: an error kind they can act on and a sentence. */
#include "webrdp/credssp.h"

typedef struct status_text {
    uint32_t code;
    const char *name;
    wrdp_error_kind kind;
    const char *text;
} status_text;

static const status_text statuses[] = {
    {0xC000006Du, "STATUS_LOGON_FAILURE", WRDP_ERROR_LOGON_FAILURE, "the user name or password is incorrect"},
    {0xC000006Au, "STATUS_WRONG_PASSWORD", WRDP_ERROR_WRONG_PASSWORD, "the password is incorrect"},
    {0xC0000064u, "STATUS_NO_SUCH_USER", WRDP_ERROR_LOGON_FAILURE, "the user name does not exist on the server"},
    {0xC0000071u, "STATUS_PASSWORD_EXPIRED", WRDP_ERROR_LOGON_FAILURE,
     "the password has expired; change it before signing in remotely"},
    {0xC0000224u, "STATUS_PASSWORD_MUST_CHANGE", WRDP_ERROR_LOGON_FAILURE,
     "the password must be changed before the first sign-in"},
    {0xC000006Eu, "STATUS_ACCOUNT_RESTRICTION", WRDP_ERROR_ACCESS_DENIED,
     "account restrictions prevent this user from signing in (for example, blank passwords are not allowed)"},
    {0xC0000072u, "STATUS_ACCOUNT_DISABLED", WRDP_ERROR_ACCESS_DENIED, "the account is disabled"},
    {0xC0000234u, "STATUS_ACCOUNT_LOCKED_OUT", WRDP_ERROR_ACCESS_DENIED,
     "the account is locked out after too many failed sign-ins"},
    {0xC0000193u, "STATUS_ACCOUNT_EXPIRED", WRDP_ERROR_ACCESS_DENIED, "the account has expired"},
    {0xC000006Fu, "STATUS_INVALID_LOGON_HOURS", WRDP_ERROR_ACCESS_DENIED,
     "the account may not sign in at this time of day"},
    {0xC0000070u, "STATUS_INVALID_WORKSTATION", WRDP_ERROR_ACCESS_DENIED,
     "the account may not sign in from this computer"},
    {0xC000015Bu, "STATUS_LOGON_TYPE_NOT_GRANTED", WRDP_ERROR_ACCESS_DENIED,
     "the user has not been granted remote sign-in on this server"},
    {0xC0000022u, "STATUS_ACCESS_DENIED", WRDP_ERROR_ACCESS_DENIED, "the server denied access to this user"},
    {0xC0000413u, "STATUS_AUTHENTICATION_FIREWALL_FAILED", WRDP_ERROR_ACCESS_DENIED,
     "an authentication firewall on the server's domain refused this user"},
    {0xC000005Eu, "STATUS_NO_LOGON_SERVERS", WRDP_ERROR_LOGON_FAILURE,
     "the server could not reach a domain controller to check the credentials"},
    {0xC0000133u, "STATUS_TIME_DIFFERENCE_AT_DC", WRDP_ERROR_LOGON_FAILURE,
     "the clocks of the server and its domain controller differ too much"},
    {0xC000018Bu, "STATUS_NO_TRUST_SAM_ACCOUNT", WRDP_ERROR_LOGON_FAILURE,
     "the server has no trust relationship with the user's domain"},
    {0xC000000Du, "STATUS_INVALID_PARAMETER", WRDP_ERROR_LOGON_FAILURE,
     "the server rejected a parameter of the authentication"},
    {0xC00000BBu, "STATUS_NOT_SUPPORTED", WRDP_ERROR_UNSUPPORTED,
     "the server does not support this kind of authentication"},
    {0x8009030Cu, "SEC_E_LOGON_DENIED", WRDP_ERROR_LOGON_FAILURE, "the server denied the logon"},
    {0x80090308u, "SEC_E_INVALID_TOKEN", WRDP_ERROR_LOGON_FAILURE,
     "the server could not read the authentication token"},
    {0x8009030Fu, "SEC_E_MESSAGE_ALTERED", WRDP_ERROR_LOGON_FAILURE,
     "the server found an authentication message altered (MIC or signature mismatch)"},
    {0x8009030Eu, "SEC_E_NO_CREDENTIALS", WRDP_ERROR_LOGON_FAILURE, "no credentials are available"},
    {0x80090302u, "SEC_E_UNSUPPORTED_FUNCTION", WRDP_ERROR_UNSUPPORTED,
     "the server does not support a function the authentication needs"},
    {0x80090304u, "SEC_E_INTERNAL_ERROR", WRDP_ERROR_LOGON_FAILURE, "the server's security package failed"},
    {0x80090303u, "SEC_E_TARGET_UNKNOWN", WRDP_ERROR_LOGON_FAILURE, "the server does not know the target name"},
    {0x80090311u, "SEC_E_NO_AUTHENTICATING_AUTHORITY", WRDP_ERROR_LOGON_FAILURE,
     "no authority could be contacted to check the credentials"},
    {0x80090322u, "SEC_E_WRONG_PRINCIPAL", WRDP_ERROR_LOGON_FAILURE,
     "the server's principal name does not match the one requested"},
    {0x80090324u, "SEC_E_TIME_SKEW", WRDP_ERROR_LOGON_FAILURE, "the clocks of client and server differ too much"},
    {0x80090346u, "SEC_E_BAD_BINDINGS", WRDP_ERROR_LOGON_FAILURE,
     "the server rejected the channel bindings of the authentication"},
    {0x8009035Eu, "SEC_E_DELEGATION_POLICY", WRDP_ERROR_ACCESS_DENIED,
     "the client's credential delegation policy does not allow this server"},
    {0x8009035Fu, "SEC_E_POLICY_NLTM_ONLY", WRDP_ERROR_ACCESS_DENIED,
     "the server's policy does not allow credential delegation with NTLM only"},
};

static const status_text *find(uint32_t code)
{
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        if (statuses[i].code == code)
            return &statuses[i];
    return NULL;
}

const char *wrdp_credssp_status_name(uint32_t ntstatus)
{
    const status_text *s = find(ntstatus);
    return s ? s->name : NULL;
}

int wrdp_credssp_status_to_error(uint32_t ntstatus, wrdp_error *err)
{
    if (ntstatus == 0)
        return WRDP_OK;
    const status_text *s = find(ntstatus);
    int r = s ? wrdp_error_set(err, s->kind, "%s (%s, 0x%08X)", s->text, s->name, (unsigned)ntstatus)
              : wrdp_error_set(err, WRDP_ERROR_LOGON_FAILURE, "the server refused the logon (status 0x%08X)",
                               (unsigned)ntstatus);
    if (err)
        err->code = ntstatus;
    return r;
}

int wrdp_credssp_early_user_auth_result(const uint8_t *data, size_t len, wrdp_error *err)
{
    if (len != 4)
        return wrdp_error_set(err, WRDP_ERROR_DECODE,
                              "Early User Authorization Result: %zu bytes where 4 were expected", len);
    uint32_t v = (uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16 | (uint32_t)data[3] << 24;
    if (v == WRDP_EUAR_SUCCESS)
        return WRDP_OK;
    int r;
    if (v == WRDP_EUAR_ACCESS_DENIED)
        r = wrdp_error_set(err, WRDP_ERROR_ACCESS_DENIED,
                           "the server accepted the credentials but denied this user a remote session "
                           "(Early User Authorization Result ACCESS_DENIED)");
    else
        r = wrdp_error_set(err, WRDP_ERROR_DECODE, "Early User Authorization Result: unknown value 0x%08X",
                           (unsigned)v);
    if (err)
        err->code = v;
    return r;
}
