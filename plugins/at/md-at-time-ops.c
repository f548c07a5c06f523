/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Time ops over AT: the network's time zone reports (+CTZV, +CTZE after
 * +CTZU=1 and +CTZR), and the network time from the modem's clock
 * (+CCLK?), which modems set from the network (NITZ) with +CTZU=1. */
#include "md-at-ops.h"

#include "md-at-op.h"
#include "md-at-time.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-modem-time.h"

static const char *const report_prefixes[] = { "+CTZV:", "+CTZE:", NULL };

static void
zone_report (MdAtPort *port, const char *line, gpointer user_data)
{
  g_autoptr (MdModem) modem = g_weak_ref_get (user_data);
  g_autoptr (GError) error = NULL;
  MdNetworkTimezone zone = { 0 };
  gint offset, dst;

  if (!modem)
    return;
  if (!md_at_parse_tz_report (line, &offset, &dst, &error)) {
    md_log_debug (md_modem_get_log_name (modem), "ignoring time zone report: %s", error->message);
    return;
  }
  zone.known = TRUE;
  zone.offset = offset;
  zone.has_dst_offset = dst >= 0;
  zone.dst_offset = MAX (dst, 0);
  md_modem_set_network_timezone (modem, &zone);
}

static void
at_setup_reports (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MdAtPort *port = md_at_modem_control_port (modem, &error);

  if (!port) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  for (guint i = 0; report_prefixes[i]; i++)
    md_at_port_add_unsolicited_handler (port, report_prefixes[i], zone_report, md_at_weak_ref_new (modem),
                                        md_at_weak_ref_free);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* +CTZR=2 (+CTZE, with DST) where the modem has it, else +CTZR=1 (+CTZV):
 * a failed command is skipped, so the later one wins when both work. */
static const char *const enable_commands[] = { "AT+CTZU=1", "AT+CTZR=1", "AT+CTZR=2", NULL };

static void
at_enable_reports (MdModem *modem, GTask *task)
{
  md_at_op_sequence (modem, task, enable_commands, MD_AT_TIMEOUT_SHORT_MS, FALSE, NULL, NULL);
}

static gpointer
parse_cclk (const char *response, GError **error)
{
  return md_at_parse_cclk (response, error);
}

static void
at_load_network_time (MdModem *modem, GTask *task)
{
  md_at_op_pointer (modem, task, "AT+CCLK?", MD_AT_TIMEOUT_SHORT_MS, parse_cclk, g_free);
}

const MdModemTimeOps md_at_time_ops = {
  .setup_reports = at_setup_reports,
  .enable_reports = at_enable_reports,
  .load_network_time = at_load_network_time,
};
