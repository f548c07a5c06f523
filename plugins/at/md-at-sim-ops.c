/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SIM ops over AT: lock state (+CPIN?), retries (+CPINR), identity (ICCID
 * by +CCID/+ICCID/+CRSM, IMSI by +CIMI, SPN by +CRSM), PIN actions
 * (+CPIN=, +CLCK="SC", +CPWD="SC") and the SIM facility lock. */
#include "md-at-ops.h"

#include <string.h>

#include "md-at-op.h"
#include "md-at-quote.h"
#include "md-at-sim.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-sim.h"

static gboolean
parse_cpin (const char *response, gssize *out, GError **error)
{
  MdModemLock lock;

  if (!md_at_parse_cpin (response, &lock, error))
    return FALSE;
  *out = lock;
  return TRUE;
}

static void
at_load_unlock_required (MdModem *modem, GTask *task)
{
  md_at_op_int (modem, task, "AT+CPIN?", MD_AT_TIMEOUT_SHORT_MS, parse_cpin);
}

static gpointer
parse_retries (const char *response, GError **error)
{
  g_autoptr (GArray) pairs = md_at_parse_cpinr (response);
  GArray *retries = g_array_new (FALSE, TRUE, sizeof (MdUnlockRetry));

  for (guint i = 0; i < pairs->len; i++) {
    guint32 *pair = &((guint32 *)pairs->data)[2 * i];
    MdUnlockRetry retry = { (MdModemLock)pair[0], pair[1] };

    g_array_append_val (retries, retry);
  }
  return retries;
}

static void
at_load_unlock_retries (MdModem *modem, GTask *task)
{
  md_at_op_pointer (modem, task, "AT+CPINR", MD_AT_TIMEOUT_SHORT_MS, parse_retries,
                    (GDestroyNotify)g_array_unref);
}

/* --- SIM identity: ICCID, IMSI, SPN, in a small step flow ---------------- */

typedef enum {
  INFO_STEP_ICCID,
  INFO_STEP_IMSI,
  INFO_STEP_SPN,
  INFO_STEP_ECC,
  INFO_STEP_LAST,
} InfoStep;

static const char *const iccid_commands[] = { "AT+CCID", "AT+ICCID", "AT+CRSM=176,12258,0,0,10", NULL };

typedef struct {
  InfoStep step;
  guint attempt;
  MdSimInfo *info;
} InfoContext;

static void
info_context_free (gpointer data)
{
  InfoContext *ctx = data;

  md_sim_info_free (ctx->info);
  g_free (ctx);
}

/* MCCs whose networks use three-digit MNCs (North America, India, ...). */
static gboolean
mcc_has_three_digit_mnc (const char *imsi)
{
  static const char *const mccs[]
    = { "302", "310", "311", "312", "313", "314", "315", "316", "334", "338", "342", "344", "346",
        "348", "354", "356", "358", "360", "365", "376", "405", "708", "722", "732", NULL };

  for (guint i = 0; mccs[i]; i++) {
    if (strncmp (imsi, mccs[i], 3) == 0)
      return TRUE;
  }
  return FALSE;
}

static void info_next (GTask *task);

static char *
decode_spn (const char *response)
{
  g_autofree char *hex = NULL;
  const char *value = strrchr (response, ',');
  GString *spn;

  if (!value || !strstr (response, "+CRSM: 144"))
    return NULL;
  hex = g_strdup (value + 1);
  g_strdelimit (hex, "\"", ' ');
  g_strstrip (hex);
  spn = g_string_new (NULL);
  /* EF_SPN: a display-condition byte, then up to 16 GSM 7-bit characters
   * (one per byte) padded with 0xFF. The common characters are ASCII. */
  for (gsize i = 2; hex[i] && hex[i + 1]; i += 2) {
    guint byte = (g_ascii_xdigit_value (hex[i]) << 4) | g_ascii_xdigit_value (hex[i + 1]);

    if (byte == 0xFF)
      break;
    if (byte >= 0x20 && byte < 0x7F)
      g_string_append_c (spn, (char)byte);
  }
  return spn->len ? g_string_free (spn, FALSE) : (g_string_free (spn, TRUE), NULL);
}

static void
info_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  InfoContext *ctx = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *response = md_at_modem_command_finish (MD_MODEM (source), result, &error);

  if (g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN)) {
    g_task_return_error (task, g_steal_pointer (&error));
    g_object_unref (task);
    return;
  }
  switch (ctx->step) {
  case INFO_STEP_ICCID:
    if (response)
      ctx->info->identifier
        = ctx->attempt == 2 ? md_at_parse_crsm_iccid (response, NULL) : md_at_parse_iccid (response, NULL);
    if (!ctx->info->identifier && iccid_commands[++ctx->attempt]) {
      info_next (task);
      return;
    }
    break;
  case INFO_STEP_IMSI:
    if (response)
      ctx->info->imsi = md_at_parse_imsi (response, NULL);
    if (ctx->info->imsi)
      ctx->info->operator_identifier
        = g_strndup (ctx->info->imsi, mcc_has_three_digit_mnc (ctx->info->imsi) ? 6 : 5);
    break;
  case INFO_STEP_SPN:
    if (response)
      ctx->info->operator_name = decode_spn (response);
    break;
  case INFO_STEP_ECC:
    if (response)
      ctx->info->emergency_numbers = md_at_parse_crsm_ecc (response, NULL);
    break;
  case INFO_STEP_LAST: break;
  }
  ctx->step++;
  ctx->attempt = 0;
  info_next (task);
}

static void
info_next (GTask *task)
{
  InfoContext *ctx = g_task_get_task_data (task);
  MdModem *modem = g_task_get_source_object (task);
  const char *command = NULL;

  switch (ctx->step) {
  case INFO_STEP_ICCID: command = iccid_commands[ctx->attempt]; break;
  case INFO_STEP_IMSI: command = "AT+CIMI"; break;
  case INFO_STEP_SPN: command = "AT+CRSM=176,28486,0,0,17"; break;
  /* EF_ECC (0x6FB7) in its GSM format: five numbers of three bytes. */
  case INFO_STEP_ECC: command = "AT+CRSM=176,28599,0,0,15"; break;
  case INFO_STEP_LAST:
    g_task_return_pointer (task, g_steal_pointer (&ctx->info), (GDestroyNotify)md_sim_info_free);
    g_object_unref (task);
    return;
  }
  md_at_modem_command (modem, command, MD_AT_TIMEOUT_SHORT_MS, g_task_get_cancellable (task), info_ready,
                       task);
}

static void
at_load_sim_info (MdModem *modem, GTask *task)
{
  InfoContext *ctx = g_new0 (InfoContext, 1);

  ctx->info = g_new0 (MdSimInfo, 1);
  g_task_set_task_data (task, ctx, info_context_free);
  info_next (task);
}

/* --- PIN actions ---------------------------------------------------------- */

static gboolean
parse_clck (const char *response, gssize *out, GError **error)
{
  gboolean enabled;

  if (!md_at_parse_clck (response, &enabled, error))
    return FALSE;
  *out = enabled ? MD_MODEM_3GPP_FACILITY_SIM : MD_MODEM_3GPP_FACILITY_NONE;
  return TRUE;
}

static void
at_load_facility_locks (MdModem *modem, GTask *task)
{
  md_at_op_int (modem, task, "AT+CLCK=\"SC\",2", MD_AT_TIMEOUT_SHORT_MS, parse_clck);
}

/* Sends prefix followed by the quoted codes (code2 may be NULL). */
static void
send_codes (MdModem *modem, GTask *task, const char *prefix, const char *code1, const char *code2)
{
  GError *error = NULL;
  g_autofree char *quoted1 = md_at_quote (code1, &error);
  g_autofree char *quoted2 = quoted1 && code2 ? md_at_quote (code2, &error) : NULL;
  g_autofree char *command = NULL;

  if (error) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  command = g_strconcat (prefix, quoted1, quoted2 ? "," : "", quoted2 ? quoted2 : "", NULL);
  md_at_op_boolean (modem, task, command, MD_AT_TIMEOUT_SHORT_MS * 3);
}

static void
at_send_pin (MdModem *modem, const char *pin, GTask *task)
{
  send_codes (modem, task, "AT+CPIN=", pin, NULL);
}

static void
at_send_puk (MdModem *modem, const char *puk, const char *new_pin, GTask *task)
{
  send_codes (modem, task, "AT+CPIN=", puk, new_pin);
}

static void
at_enable_pin (MdModem *modem, const char *pin, gboolean enabled, GTask *task)
{
  send_codes (modem, task, enabled ? "AT+CLCK=\"SC\",1," : "AT+CLCK=\"SC\",0,", pin, NULL);
}

static void
at_change_pin (MdModem *modem, const char *old_pin, const char *new_pin, GTask *task)
{
  send_codes (modem, task, "AT+CPWD=\"SC\",", old_pin, new_pin);
}

/* 27.007 has no report of the card coming or going: the core checks it
 * with +CPIN? every poll interval. */
static void
at_watch_presence (MdModem *modem, GTask *task)
{
  md_modem_check_sim_presence_periodically (modem);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

const MdModemSimOps md_at_sim_ops = {
  .load_unlock_required = at_load_unlock_required,
  .watch_presence = at_watch_presence,
  .load_unlock_retries = at_load_unlock_retries,
  .load_sim_info = at_load_sim_info,
  .load_facility_locks = at_load_facility_locks,
  .send_pin = at_send_pin,
  .send_puk = at_send_puk,
  .enable_pin = at_enable_pin,
  .change_pin = at_change_pin,
};
