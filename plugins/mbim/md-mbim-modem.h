/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The MBIM protocol plugin's side of a modem: its MBIM control port, the
 * network interfaces and AT ports beside it, what Device Caps said, and the
 * requests every MBIM op is made of. Vendor plugins build on these. */
#pragma once

#include "md-mbim-port.h"
#include "md-net-link.h"
#include "plugin-api.h"

G_BEGIN_DECLS

#define MD_MBIM_TIMEOUT_S         10
#define MD_MBIM_TIMEOUT_NETWORK_S 60
#define MD_MBIM_TIMEOUT_SCAN_S    180

/* Returns the COMMAND_DONE answering request (full reference), or NULL
 * for a device that does not answer. See md-mbim-modem-private.h. */
typedef MbimMessage *(*MdMbimReplyFn) (MbimMessage *request, gpointer user_data);

/* The MBIM driver's state, kept with the modem's MBIM port (its driver
 * state, md-port.h). */
typedef struct {
  MdNetLinks *links;   /* creates the links of sessions 1..N */
  guint max_sessions;  /* from Device Caps; at least 1 */
  guint32 data_class;  /* MbimDataClass bits from Device Caps */
  MdMbimReplyFn reply; /* answers requests when there is no port */
  gpointer reply_data;
  gboolean ussd_waits; /* the network waits for a USSD response */
} MdMbimModemData;

/* The state kept with the modem's MBIM port; NULL when it has none. */
MdMbimModemData *md_mbim_modem_data (MdModem *modem);

/* Sends request (consumed) on the control port. finish returns the
 * COMMAND_DONE message after checking its status: a status other than
 * SUCCESS becomes the matching MD error (md_mbim_status_error). */
void md_mbim_modem_command (MdModem *modem, MbimMessage *request, guint timeout_s, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data);
MbimMessage *md_mbim_modem_command_finish (MdModem *modem, GAsyncResult *result, GError **error);
/* As finish, but a failed status still returns the message (and sets
 * error): PIN failures carry the remaining attempts. */
MbimMessage *md_mbim_modem_command_finish_with_status (MdModem *modem, GAsyncResult *result, GError **error);

/* The name of a CID for logs and errors; "unknown" for CIDs libmbim does
 * not name (it refuses CID 0 with a critical). */
const char *md_mbim_cid_name (MbimService service, guint32 cid);

/* Maps an MBIM status to the error an API user understands. */
GError *md_mbim_status_error (MbimStatusError status, const char *what);
/* Maps a request-building or parsing GError from libmbim (consumes it). */
GError *md_mbim_protocol_error (GError *error, const char *what);

G_END_DECLS
