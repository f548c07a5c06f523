/* SPDX-License-Identifier: GPL-2.0-or-later */
/* PPP data calls over AT: define the PDP context (+CGDCONT, +CGAUTH), dial
 * ATD*99***<cid># on the data port and hand the tty to the client's pppd
 * (Ip4Config method "ppp"). Hanging up escapes to command mode with "+++"
 * and sends ATH. NO CARRIER on the data port ends the bearer. */
#include "md-at-ops.h"

#include "md-at-op.h"
#include "md-at-quote.h"
#include "md-bearer.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-modem-connect.h"

#define PPP_CID           1
#define DIAL_TIMEOUT_MS   60000
#define ESCAPE_GUARD_MS   1100
#define HANGUP_TIMEOUT_MS 10000

typedef struct {
  MdAtPort *port;      /* the data port while connected */
  guint no_carrier_id; /* unsolicited handler on it */
} PppData;

static void
ppp_data_free (gpointer data)
{
  PppData *ppp = data;

  if (ppp->no_carrier_id)
    md_at_port_remove_unsolicited_handler (ppp->port, ppp->no_carrier_id);
  g_clear_object (&ppp->port);
  g_free (ppp);
}

/* The data port: a second AT port when the modem has one, so the primary
 * stays free for commands while connected; else the primary itself. */
static MdAtPort *
data_port (MdModem *modem, GError **error)
{
  MdAtPort *control = md_at_modem_control_port (modem, error);
  g_autoptr (GPtrArray) secondary = NULL;

  if (!control)
    return NULL;
  secondary = md_modem_get_ports_in_role (modem, MD_PORT_ROLE_AT_SECONDARY);
  for (guint i = 0; i < secondary->len; i++) {
    MdAtPort *port = g_ptr_array_index (secondary, i);

    if (port != control && md_at_port_is_open (port))
      return port;
  }
  return control;
}

/* Without an ip-type ModemManager's AT bearers ask for IPv4 (checked with
 * 1.20.4 against modem-sim: it writes or reuses an "IP" context even when
 * the modem offers IPV4V6), so clients get the same session here. */
static const char *
pdp_type (guint32 ip_type)
{
  switch (ip_type) {
  case MD_BEARER_IP_FAMILY_IPV6: return "IPV6";
  case MD_BEARER_IP_FAMILY_IPV4V6: return "IPV4V6";
  default: return "IP";
  }
}

typedef enum {
  CONNECT_STEP_CONTEXT,
  CONNECT_STEP_AUTH,
  CONNECT_STEP_DIAL,
  CONNECT_STEP_LAST,
} ConnectStep;

/* The commands are built, and the caller's text quoted, before the first
 * one is sent: a value AT cannot carry fails the call with nothing sent. */
typedef struct {
  ConnectStep step;
  MdBearer *bearer;
  MdAtPort *port;
  const char *type;
  char *context_command;
  char *auth_command; /* NULL without a user */
  char *dial_command;
} ConnectContext;

static void
connect_context_free (gpointer data)
{
  ConnectContext *ctx = data;

  g_clear_object (&ctx->bearer);
  g_clear_object (&ctx->port);
  g_free (ctx->context_command);
  g_free (ctx->auth_command);
  g_free (ctx->dial_command);
  g_free (ctx);
}

static gboolean
build_commands (ConnectContext *ctx, const MdBearerSettings *settings, GError **error)
{
  g_autofree char *apn = md_at_quote (settings->apn ? settings->apn : "", error);
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *number = NULL;

  if (!apn)
    return FALSE;
  ctx->context_command = g_strdup_printf ("AT+CGDCONT=%d,\"%s\",%s", PPP_CID, ctx->type, apn);
  if (settings->user) {
    user = md_at_quote (settings->user, error);
    password = user ? md_at_quote (settings->password ? settings->password : "", error) : NULL;
    if (!password)
      return FALSE;
    /* 27.007 <auth_prot>: 1 PAP, 2 CHAP; CHAP unless only PAP is allowed. */
    ctx->auth_command
      = g_strdup_printf ("AT+CGAUTH=%d,%d,%s,%s", PPP_CID,
                         settings->allowed_auth == MD_BEARER_ALLOWED_AUTH_PAP ? 1 : 2, user, password);
  }
  if (settings->number) {
    number = md_at_dial_string (settings->number, error);
    if (!number)
      return FALSE;
    ctx->dial_command = g_strconcat ("ATD", number, NULL);
  } else {
    ctx->dial_command = g_strdup_printf ("ATD*99***%d#", PPP_CID);
  }
  return TRUE;
}

static void
no_carrier (MdAtPort *port, const char *line, gpointer user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr (MdBearer) bearer = g_weak_ref_get (ref);
  MdModem *modem = bearer ? g_object_get_data (G_OBJECT (bearer), "md-modem") : NULL;
  g_autoptr (GError) error = g_error_new (MD_CONNECTION_ERROR, MD_CONNECTION_ERROR_NO_CARRIER,
                                          "The network ended the call (NO CARRIER)");

  if (!bearer || !modem || !md_bearer_is_connected (bearer))
    return;
  md_at_port_set_data_mode (port, FALSE);
  md_modem_bearer_dropped (modem, bearer, error);
}

static void
mark_connected (MdModem *modem, ConnectContext *ctx)
{
  PppData *ppp = g_new0 (PppData, 1);
  gboolean v6 = g_str_equal (ctx->type, "IPV6") || g_str_equal (ctx->type, "IPV4V6");
  gboolean v4 = !g_str_equal (ctx->type, "IPV6");

  g_object_set_data (G_OBJECT (ctx->bearer), "md-modem", modem);
  ppp->port = g_object_ref (ctx->port);
  ppp->no_carrier_id = md_at_port_add_unsolicited_handler (
    ctx->port, "NO CARRIER", no_carrier, md_at_weak_ref_new (ctx->bearer), md_at_weak_ref_free);
  md_bearer_set_protocol_data (ctx->bearer, ppp, ppp_data_free);
  md_bearer_set_profile_id (ctx->bearer, PPP_CID);
  md_bearer_set_connected (ctx->bearer, md_at_port_get_name (ctx->port),
                           v4 ? md_ip_config_new (MD_BEARER_IP_METHOD_PPP) : NULL,
                           v6 ? md_ip_config_new (MD_BEARER_IP_METHOD_PPP) : NULL);
}

static void connect_step (GTask *task);

static void
step_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  ConnectContext *ctx = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *response = NULL;

  if (ctx->step == CONNECT_STEP_DIAL)
    response = md_at_port_command_finish (MD_AT_PORT (source), result, &error);
  else
    response = md_at_modem_command_finish (MD_MODEM (source), result, &error);

  if (!response && ctx->step == CONNECT_STEP_AUTH) {
    /* Not every modem has +CGAUTH; the network may still accept the call. */
    md_log_info (md_bearer_get_log_name (ctx->bearer), "authentication not set: %s", error->message);
    g_clear_error (&error);
  } else if (!response) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  ctx->step++;
  connect_step (task);
}

static void
connect_step (GTask *task)
{
  MdModem *modem = g_task_get_source_object (task);
  ConnectContext *ctx = g_task_get_task_data (task);

  switch (ctx->step) {
  case CONNECT_STEP_CONTEXT:
    md_at_modem_command (modem, ctx->context_command, MD_AT_TIMEOUT_SHORT_MS, g_task_get_cancellable (task),
                         step_ready, task);
    return;
  case CONNECT_STEP_AUTH:
    if (ctx->auth_command) {
      md_at_modem_command (modem, ctx->auth_command, MD_AT_TIMEOUT_SHORT_MS, g_task_get_cancellable (task),
                           step_ready, task);
      return;
    }
    ctx->step++;
    connect_step (task);
    return;
  case CONNECT_STEP_DIAL:
    md_at_port_command (ctx->port, ctx->dial_command, DIAL_TIMEOUT_MS, g_task_get_cancellable (task),
                        step_ready, task);
    return;
  case CONNECT_STEP_LAST:
    mark_connected (modem, ctx);
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
}

static void
at_connect (MdModem *modem, MdBearer *bearer, GCancellable *cancellable, GTask *task)
{
  ConnectContext *ctx = g_new0 (ConnectContext, 1);
  GError *error = NULL;
  MdAtPort *port = data_port (modem, &error);

  g_task_set_task_data (task, ctx, connect_context_free);
  ctx->type = pdp_type (md_bearer_get_settings (bearer)->ip_type);
  if (!port || !build_commands (ctx, md_bearer_get_settings (bearer), &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  ctx->bearer = g_object_ref (bearer);
  ctx->port = g_object_ref (port);
  connect_step (task);
}

/* --- hang-up -------------------------------------------------------------- */

typedef struct {
  MdAtPort *port;
  guint timer;
  gboolean escaped;
} HangupContext;

static void
hangup_context_free (gpointer data)
{
  HangupContext *ctx = data;

  g_clear_handle_id (&ctx->timer, g_source_remove);
  g_clear_object (&ctx->port);
  g_free (ctx);
}

static void
hangup_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  g_free (md_at_port_command_finish (MD_AT_PORT (source), result, &error));
  /* ATH after the escape; a modem that already dropped the call may say
   * NO CARRIER or ERROR, which is a hang-up all the same. */
  g_free (md_at_port_command_finish (MD_AT_PORT (source), result, &error));
  g_task_return_boolean (task, TRUE);
}

static gboolean
hangup_timer (gpointer user_data)
{
  GTask *task = user_data;
  HangupContext *ctx = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  ctx->timer = 0;
  if (!ctx->escaped) {
    /* The escape sequence needs silence on both sides of it. */
    ctx->escaped = TRUE;
    if (!md_at_port_write_raw (ctx->port, "+++", 3, &error))
      md_log_debug (md_at_port_get_name (ctx->port), "escape failed: %s", error->message);
    ctx->timer = g_timeout_add (ESCAPE_GUARD_MS, hangup_timer, task);
    return G_SOURCE_REMOVE;
  }
  /* Only now back to commands: anything sent earlier would have been data
   * and spoiled the escape's guard time. */
  md_at_port_set_data_mode (ctx->port, FALSE);
  md_at_port_command (ctx->port, "ATH", HANGUP_TIMEOUT_MS, NULL, hangup_ready, task);
  return G_SOURCE_REMOVE;
}

static void
at_disconnect (MdModem *modem, MdBearer *bearer, GTask *task)
{
  PppData *ppp = md_bearer_get_protocol_data (bearer);
  HangupContext *ctx = g_new0 (HangupContext, 1);

  g_task_set_task_data (task, ctx, hangup_context_free);
  if (!ppp || !md_at_port_is_open (ppp->port)) {
    md_bearer_set_protocol_data (bearer, NULL, NULL);
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  ctx->port = g_object_ref (ppp->port);
  md_bearer_set_protocol_data (bearer, NULL, NULL);
  ctx->timer = g_timeout_add (ESCAPE_GUARD_MS, hangup_timer, task);
}

const MdModemBearerOps md_at_bearer_ops = {
  .connect = at_connect,
  .disconnect = at_disconnect,
};
