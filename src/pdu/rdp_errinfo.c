/* What the Set Error Info PDU's codes mean (MS-RDPBCGR 2.2.5.1.1), in short
 * sentences a user can read. Kept as data. */
#include "webrdp/pdu.h"

typedef struct errinfo_entry {
    uint32_t code;
    const char *name;
    const char *text;
} errinfo_entry;

/* Sorted by code. */
static const errinfo_entry entries[] = {
    /* protocol-independent codes */
    {0x00000000, "ERRINFO_NONE", "No error has occurred."},
    {0x00000001, "ERRINFO_RPC_INITIATED_DISCONNECT",
     "An administrative tool on the server, running in another session, disconnected the session."},
    {0x00000002, "ERRINFO_RPC_INITIATED_LOGOFF",
     "An administrative tool on the server, running in another session, forced a logoff."},
    {0x00000003, "ERRINFO_IDLE_TIMEOUT", "The server's idle session time limit has elapsed."},
    {0x00000004, "ERRINFO_LOGON_TIMEOUT", "The server's active session time limit has elapsed."},
    {0x00000005, "ERRINFO_DISCONNECTED_BY_OTHERCONNECTION",
     "Another user connected to the server, which ended this connection."},
    {0x00000006, "ERRINFO_OUT_OF_MEMORY", "The server ran out of memory."},
    {0x00000007, "ERRINFO_SERVER_DENIED_CONNECTION", "The server denied the connection."},
    {0x00000009, "ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES",
     "The user does not have the access rights needed to connect to the server."},
    {0x0000000A, "ERRINFO_SERVER_FRESH_CREDENTIALS_REQUIRED",
     "The server does not accept saved credentials: the user must type them for every connection."},
    {0x0000000B, "ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER",
     "An administrative tool on the server, running in the user's own session, disconnected the session."},
    {0x0000000C, "ERRINFO_LOGOFF_BY_USER", "The user logged off the remote session."},
    {0x0000000F, "ERRINFO_CLOSE_STACK_ON_DRIVER_NOT_READY",
     "The remote session's display driver did not report its status in time at startup."},
    {0x00000010, "ERRINFO_SERVER_DWM_CRASH", "The Desktop Window Manager in the remote session ended unexpectedly."},
    {0x00000011, "ERRINFO_CLOSE_STACK_ON_DRIVER_FAILURE",
     "The remote session's display driver could not finish its startup tasks."},
    {0x00000012, "ERRINFO_CLOSE_STACK_ON_DRIVER_IFACE_FAILURE",
     "The remote session's display driver started but could not be used by the remoting stack."},
    {0x00000017, "ERRINFO_SERVER_WINLOGON_CRASH", "The Winlogon process in the remote session ended unexpectedly."},
    {0x00000018, "ERRINFO_SERVER_CSRSS_CRASH", "The CSRSS process in the remote session ended unexpectedly."},
    /* licensing */
    {0x00000100, "ERRINFO_LICENSE_INTERNAL", "An internal error occurred in the server's licensing component."},
    {0x00000101, "ERRINFO_LICENSE_NO_LICENSE_SERVER", "No Remote Desktop License Server could be found to issue a license."},
    {0x00000102, "ERRINFO_LICENSE_NO_LICENSE", "No Client Access Licenses are available for the remote computer."},
    {0x00000103, "ERRINFO_LICENSE_BAD_CLIENT_MSG", "The server received an invalid licensing message from the client."},
    {0x00000104, "ERRINFO_LICENSE_HWID_DOESNT_MATCH_LICENSE", "The Client Access License stored by the client has been modified."},
    {0x00000105, "ERRINFO_LICENSE_BAD_CLIENT_LICENSE", "The Client Access License stored by the client is malformed."},
    {0x00000106, "ERRINFO_LICENSE_CANT_FINISH_PROTOCOL", "Network problems cut the licensing exchange short."},
    {0x00000107, "ERRINFO_LICENSE_CLIENT_ENDED_PROTOCOL", "The client ended the licensing exchange too early."},
    {0x00000108, "ERRINFO_LICENSE_BAD_CLIENT_ENCRYPTION", "A licensing message was not encrypted correctly."},
    {0x00000109, "ERRINFO_LICENSE_CANT_UPGRADE_LICENSE",
     "The Client Access License stored by the client could not be upgraded or renewed."},
    {0x0000010A, "ERRINFO_LICENSE_NO_REMOTE_CONNECTIONS", "The remote computer is not licensed to accept remote connections."},
    /* connection broker */
    {0x00000400, "ERRINFO_CB_DESTINATION_NOT_FOUND", "The Connection Broker could not find the target endpoint."},
    {0x00000402, "ERRINFO_CB_LOADING_DESTINATION",
     "The target endpoint the client is being redirected to is disconnecting from the Connection Broker."},
    {0x00000404, "ERRINFO_CB_REDIRECTING_TO_DESTINATION",
     "An error occurred while the connection was being redirected to the target endpoint."},
    {0x00000405, "ERRINFO_CB_SESSION_ONLINE_VM_WAKE", "An error occurred while waking the target virtual machine."},
    {0x00000406, "ERRINFO_CB_SESSION_ONLINE_VM_BOOT", "An error occurred while starting the target virtual machine."},
    {0x00000407, "ERRINFO_CB_SESSION_ONLINE_VM_NO_DNS", "The IP address of the target virtual machine cannot be determined."},
    {0x00000408, "ERRINFO_CB_DESTINATION_POOL_NOT_FREE",
     "No endpoint is available in the pool managed by the Connection Broker."},
    {0x00000409, "ERRINFO_CB_CONNECTION_CANCELLED", "Processing of the connection was canceled."},
    {0x00000410, "ERRINFO_CB_CONNECTION_ERROR_INVALID_SETTINGS",
     "The settings in the routing token of the X.224 Connection Request could not be validated."},
    {0x00000411, "ERRINFO_CB_SESSION_ONLINE_VM_BOOT_TIMEOUT", "Starting the target virtual machine timed out."},
    {0x00000412, "ERRINFO_CB_SESSION_ONLINE_VM_SESSMON_FAILED",
     "A session monitoring error occurred while starting the target virtual machine."},
    /* RDP-specific codes */
    {0x000010C9, "ERRINFO_UNKNOWN_DATA_PDU_TYPE", "The server received a Share Data Header with an unknown pduType2."},
    {0x000010CA, "ERRINFO_UNKNOWN_PDU_TYPE", "The server received a Share Control Header with an unknown pduType."},
    {0x000010CB, "ERRINFO_DATA_PDU_SEQUENCE", "The server received a slow-path Data PDU out of sequence."},
    {0x000010CD, "ERRINFO_CONTROL_PDU_SEQUENCE", "The server received a slow-path non-Data PDU out of sequence."},
    {0x000010CE, "ERRINFO_INVALID_CONTROL_PDU_ACTION", "The server received a Control PDU with an invalid action."},
    {0x000010CF, "ERRINFO_INVALID_INPUT_PDU_TYPE",
     "The server received an input event with an invalid type (slow-path messageType or fast-path eventCode)."},
    {0x000010D0, "ERRINFO_INVALID_INPUT_PDU_MOUSE", "The server received a mouse event with invalid pointerFlags."},
    {0x000010D1, "ERRINFO_INVALID_REFRESH_RECT_PDU", "The server received an invalid Refresh Rect PDU."},
    {0x000010D2, "ERRINFO_CREATE_USER_DATA_FAILED",
     "The server could not build the user data of the GCC Conference Create Response."},
    {0x000010D3, "ERRINFO_CONNECT_FAILED", "The channel connection phase of the connection sequence failed."},
    {0x000010D4, "ERRINFO_CONFIRM_ACTIVE_WRONG_SHAREID", "The client's Confirm Active PDU had a wrong shareID."},
    {0x000010D5, "ERRINFO_CONFIRM_ACTIVE_WRONG_ORIGINATOR", "The client's Confirm Active PDU had a wrong originatorID."},
    {0x000010DA, "ERRINFO_PERSISTENT_KEY_PDU_BAD_LENGTH", "A Persistent Key List PDU was too short to process."},
    {0x000010DB, "ERRINFO_PERSISTENT_KEY_PDU_ILLEGAL_FIRST",
     "A Persistent Key List PDU marked PERSIST_FIRST_PDU followed an earlier one also marked first."},
    {0x000010DC, "ERRINFO_PERSISTENT_KEY_PDU_TOO_MANY_TOTAL_KEYS",
     "A Persistent Key List PDU announced more than 262,144 bitmap cache entries in total."},
    {0x000010DD, "ERRINFO_PERSISTENT_KEY_PDU_TOO_MANY_CACHE_KEYS",
     "A Persistent Key List PDU announced more keys for a bitmap cache than its capability set allows."},
    {0x000010DE, "ERRINFO_INPUT_PDU_BAD_LENGTH", "An Input Event PDU or fast-path input PDU was too short to process."},
    {0x000010DF, "ERRINFO_BITMAP_CACHE_ERROR_PDU_BAD_LENGTH", "A Bitmap Cache Error PDU was too short to process."},
    {0x000010E0, "ERRINFO_SECURITY_DATA_TOO_SHORT",
     "The security data (dataSignature, or fipsInformation and dataSignature) of a fast-path input PDU was too short."},
    {0x000010E1, "ERRINFO_VCHANNEL_DATA_TOO_SHORT",
     "Virtual channel data was too short (in the Client Network Data or a Channel PDU Header)."},
    {0x000010E2, "ERRINFO_SHARE_DATA_TOO_SHORT",
     "A Share Control Header, Share Data Header, Control PDU or Font List PDU was too short."},
    {0x000010E3, "ERRINFO_BAD_SUPPRESS_OUTPUT_PDU", "A Suppress Output PDU was too short or had an invalid allowDisplayUpdates."},
    {0x000010E5, "ERRINFO_CONFIRM_ACTIVE_PDU_TOO_SHORT", "The Confirm Active PDU was too short."},
    {0x000010E7, "ERRINFO_CAPABILITY_SET_TOO_SMALL",
     "A capability set was too short to read its capabilitySetType and lengthCapability."},
    {0x000010E8, "ERRINFO_CAPABILITY_SET_TOO_LARGE", "A capability set's lengthCapability exceeds the data received."},
    {0x000010E9, "ERRINFO_NO_CURSOR_CACHE", "The Pointer Capability Set announced no pointer cache."},
    {0x000010EA, "ERRINFO_BAD_CAPABILITIES", "The server did not accept the client's capabilities."},
    {0x000010EC, "ERRINFO_VIRTUAL_CHANNEL_DECOMPRESSION_ERR",
     "The bulk decompressor failed on a virtual channel PDU."},
    {0x000010ED, "ERRINFO_INVALID_VC_COMPRESSION_TYPE",
     "A Channel PDU Header named an invalid bulk compression package."},
    {0x000010EF, "ERRINFO_INVALID_CHANNEL_ID", "A virtual channel PDU named an invalid MCS channel ID."},
    {0x000010F0, "ERRINFO_VCHANNELS_TOO_MANY",
     "The client asked for more than the 31 static virtual channels allowed."},
    {0x000010F3, "ERRINFO_REMOTEAPP_NOT_ENABLED",
     "The remote session only hosts RemoteApp programs, so the client must set INFO_RAIL."},
    {0x000010F4, "ERRINFO_CACHE_CAP_NOT_SET",
     "The client sent a Persistent Key List PDU without a Revision 2 Bitmap Cache Capability Set."},
    {0x000010F5, "ERRINFO_BITMAP_CACHE_ERROR_PDU_BAD_LENGTH2",
     "A Bitmap Cache Error PDU's NumInfoBlocks does not match its Info data."},
    {0x000010F6, "ERRINFO_OFFSCRCACHE_ERROR_PDU_BAD_LENGTH", "An Offscreen Bitmap Cache Error PDU was too short."},
    {0x000010F7, "ERRINFO_DNGCACHE_ERROR_PDU_BAD_LENGTH", "A DrawNineGrid Cache Error PDU was too short."},
    {0x000010F8, "ERRINFO_GDIPLUSCACHE_ERROR_PDU_BAD_LENGTH", "A GDI+ Error PDU was too short."},
    {0x00001111, "ERRINFO_SECURITY_DATA_TOO_SHORT2", "A Basic Security Header was too short."},
    {0x00001112, "ERRINFO_SECURITY_DATA_TOO_SHORT3", "A Non-FIPS or FIPS Security Header was too short."},
    {0x00001113, "ERRINFO_SECURITY_DATA_TOO_SHORT4",
     "The Security Exchange PDU was too short for its security header and length."},
    {0x00001114, "ERRINFO_SECURITY_DATA_TOO_SHORT5", "The Info Packet was too short for its strings."},
    {0x00001115, "ERRINFO_SECURITY_DATA_TOO_SHORT6", "The Info Packet was too short for its fixed fields."},
    {0x00001116, "ERRINFO_SECURITY_DATA_TOO_SHORT7",
     "The Extended Info Packet was too short for clientAddressFamily and cbClientAddress."},
    {0x00001117, "ERRINFO_SECURITY_DATA_TOO_SHORT8", "The Extended Info Packet was too short for clientAddress."},
    {0x00001118, "ERRINFO_SECURITY_DATA_TOO_SHORT9", "The Extended Info Packet was too short for cbClientDir."},
    {0x00001119, "ERRINFO_SECURITY_DATA_TOO_SHORT10", "The Extended Info Packet was too short for clientDir."},
    {0x0000111A, "ERRINFO_SECURITY_DATA_TOO_SHORT11", "The Extended Info Packet was too short for clientTimeZone."},
    {0x0000111B, "ERRINFO_SECURITY_DATA_TOO_SHORT12", "The Extended Info Packet was too short for clientSessionId."},
    {0x0000111C, "ERRINFO_SECURITY_DATA_TOO_SHORT13", "The Extended Info Packet was too short for performanceFlags."},
    {0x0000111D, "ERRINFO_SECURITY_DATA_TOO_SHORT14", "The Extended Info Packet was too short for cbAutoReconnectCookie."},
    {0x0000111E, "ERRINFO_SECURITY_DATA_TOO_SHORT15", "The Extended Info Packet was too short for autoReconnectCookie."},
    {0x0000111F, "ERRINFO_SECURITY_DATA_TOO_SHORT16",
     "The Extended Info Packet's cbAutoReconnectCookie exceeds the 128-byte maximum."},
    {0x00001120, "ERRINFO_SECURITY_DATA_TOO_SHORT17",
     "The Extended Info Packet was too short for clientAddressFamily and cbClientAddress."},
    {0x00001121, "ERRINFO_SECURITY_DATA_TOO_SHORT18", "The Extended Info Packet was too short for clientAddress."},
    {0x00001122, "ERRINFO_SECURITY_DATA_TOO_SHORT19", "The Extended Info Packet was too short for cbClientDir."},
    {0x00001123, "ERRINFO_SECURITY_DATA_TOO_SHORT20", "The Extended Info Packet was too short for clientDir."},
    {0x00001124, "ERRINFO_SECURITY_DATA_TOO_SHORT21", "The Extended Info Packet was too short for clientTimeZone."},
    {0x00001125, "ERRINFO_SECURITY_DATA_TOO_SHORT22", "The Extended Info Packet was too short for clientSessionId."},
    {0x00001126, "ERRINFO_SECURITY_DATA_TOO_SHORT23", "The Client Info PDU was too short."},
    {0x00001129, "ERRINFO_BAD_MONITOR_DATA",
     "The Client Monitor Data holds fewer monitor definitions than its monitorCount says."},
    {0x0000112A, "ERRINFO_VC_DECOMPRESSED_REASSEMBLE_FAILED",
     "Virtual channel data could not be decompressed or reassembled within the announced chunk size."},
    {0x0000112B, "ERRINFO_VC_DATA_TOO_LONG",
     "A virtual channel PDU is larger than the chunk size of the Virtual Channel Capability Set."},
    {0x0000112C, "ERRINFO_BAD_FRAME_ACK_DATA", "A Frame Acknowledge PDU was too short."},
    {0x0000112D, "ERRINFO_GRAPHICS_MODE_NOT_SUPPORTED", "The server does not support the graphics mode the client asked for."},
    {0x0000112E, "ERRINFO_GRAPHICS_SUBSYSTEM_RESET_FAILED", "The server's graphics subsystem failed to reset."},
    {0x0000112F, "ERRINFO_GRAPHICS_SUBSYSTEM_FAILED",
     "The server's graphics subsystem is in an error state and cannot continue encoding."},
    {0x00001130, "ERRINFO_TIMEZONE_KEY_NAME_LENGTH_TOO_SHORT",
     "The Extended Info Packet was too short for cbDynamicDSTTimeZoneKeyName."},
    {0x00001131, "ERRINFO_TIMEZONE_KEY_NAME_LENGTH_TOO_LONG",
     "The Extended Info Packet's cbDynamicDSTTimeZoneKeyName is too large."},
    {0x00001132, "ERRINFO_DYNAMIC_DST_DISABLED_FIELD_MISSING",
     "The Extended Info Packet lacks dynamicDaylightTimeDisabled."},
    {0x00001133, "ERRINFO_VC_DECODING_ERROR", "An error occurred while processing dynamic virtual channel data."},
    {0x00001134, "ERRINFO_VIRTUALDESKTOPTOOLARGE",
     "The virtual desktop described by the monitor layout is wider or taller than 32,766 pixels."},
    {0x00001135, "ERRINFO_MONITORGEOMETRYVALIDATIONFAILED", "The monitor geometry in the Client Monitor Data is invalid."},
    {0x00001136, "ERRINFO_INVALIDMONITORCOUNT", "The monitorCount of the Client Monitor Data is too large."},
    {0x00001191, "ERRINFO_UPDATE_SESSION_KEY_FAILED", "Updating the Standard RDP Security session keys failed."},
    {0x00001192, "ERRINFO_DECRYPT_FAILED",
     "Standard RDP Security decryption, or session key creation, failed."},
    {0x00001193, "ERRINFO_ENCRYPT_FAILED", "Standard RDP Security encryption failed."},
    {0x00001194, "ERRINFO_ENCPKG_MISMATCH",
     "No usable encryption method was found in the encryptionMethods of the Client Security Data."},
    {0x00001195, "ERRINFO_DECRYPT_FAILED2",
     "Unencrypted data arrived in a stream that Standard RDP Security should encrypt."},
    {0x00001196, "ERRINFO_PEER_DISCONNECTED", "The peer connection was lost."},
};

static const errinfo_entry *find(uint32_t code)
{
    size_t lo = 0, hi = sizeof entries / sizeof entries[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (entries[mid].code == code)
            return &entries[mid];
        if (entries[mid].code < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *wrdp_error_info_text(uint32_t code)
{
    const errinfo_entry *e = find(code);
    if (e)
        return e->text;
    if (code >= 0x100 && code <= 0x1FF)
        return "The server reported a licensing error that webrdp does not know.";
    if (code >= 0x400 && code <= 0x4FF)
        return "The Connection Broker reported an error that webrdp does not know.";
    return "The server reported an error that webrdp does not know.";
}

const char *wrdp_error_info_name(uint32_t code)
{
    const errinfo_entry *e = find(code);
    return e ? e->name : NULL;
}
