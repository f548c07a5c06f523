/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The Quectel plugin (USB vendor 0x2c7c), composed from the protocol
 * drivers: an MBIM modem when the device has an MBIM port, a QMI modem
 * when it has a QMI port, else an AT modem. Either way power "off" is
 * Quectel's normal power-down, AT+QPOWD=1 on the modem's AT control port,
 * done when the modem reports "POWERED DOWN". An AT modem also asks for
 * +QSIMSTAT reports (AT+QSIMSTAT=1), which tell a SIM inserted or removed
 * (the MBIM and QMI drivers hear of that from their own protocol). Every
 * other op is the driver's. Includes the plugin API and src/parse's SIM
 * parsers. */
#include "md-plugin-quectel.h"

#include "md-at-sim.h"
#include "md-log.h"

/* The answer comes at once; the report may take up to a minute. */
#define QPOWD_TIMEOUT_MS      5000
#define POWERED_DOWN_WAIT_MS  62000
#define QUECTEL_USB_VENDOR_ID 0x2c7c
#define QSIMSTAT_TIMEOUT_MS   3000

static const char *const quectel_subsystems[] = { "tty", "usbmisc", "usb", "wwan", "net", NULL };
static const guint16 quectel_vendor_ids[] = { QUECTEL_USB_VENDOR_ID, 0 };

static void
powered_down (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (md_at_modem_command_until_finish (MD_MODEM (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
power_down (MdModem *modem, GTask *task)
{
  md_at_modem_command_until_async (modem, "AT+QPOWD=1", QPOWD_TIMEOUT_MS, "POWERED DOWN",
                                   POWERED_DOWN_WAIT_MS, g_task_get_cancellable (task), powered_down, task);
}

static void
at_set_power_state (MdModem *modem, MdModemPowerState state, GTask *task)
{
  if (state == MD_MODEM_POWER_STATE_OFF)
    power_down (modem, task);
  else
    md_at_power_ops.set_power_state (modem, state, task);
}

static void
mbim_set_power_state (MdModem *modem, MdModemPowerState state, GTask *task)
{
  if (state == MD_MODEM_POWER_STATE_OFF)
    power_down (modem, task);
  else
    md_mbim_power_ops.set_power_state (modem, state, task);
}

static void
qmi_set_power_state (MdModem *modem, MdModemPowerState state, GTask *task)
{
  if (state == MD_MODEM_POWER_STATE_OFF)
    power_down (modem, task);
  else
    md_qmi_power_ops.set_power_state (modem, state, task);
}

/* --- SIM insertion reports (AT) ---------------------------------------------- */

static void
qsimstat_report (MdModem *modem, const char *line)
{
  guint enabled, inserted;

  if (!md_at_parse_qsimstat (line, &enabled, &inserted))
    return;
  if (inserted == 1)
    md_modem_report_sim_presence (modem, MD_SIM_PRESENCE_PRESENT);
  else if (inserted == 0)
    md_modem_report_sim_presence (modem, MD_SIM_PRESENCE_ABSENT);
}

static void
qsimstat_enabled (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autofree char *response = md_at_modem_command_finish (MD_MODEM (source), result, &error);

  if (!response) {
    /* Firmware without the reports: the card is checked as on any AT modem. */
    md_log_debug (md_modem_get_log_name (MD_MODEM (source)),
                  "no +QSIMSTAT reports (%s): checking the card by poll", error->message);
    g_clear_error (&error);
    md_modem_check_sim_presence_periodically (MD_MODEM (source));
  }
  g_task_return_boolean (task, TRUE);
}

static void
at_watch_presence (MdModem *modem, GTask *task)
{
  GError *error = NULL;

  if (!md_at_modem_watch_reports (modem, "+QSIMSTAT:", qsimstat_report, &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  md_at_modem_command (modem, "AT+QSIMSTAT=1", QSIMSTAT_TIMEOUT_MS, g_task_get_cancellable (task),
                       qsimstat_enabled, task);
}

/* The drivers' tables with their overrides. */
static MdModemSimOps quectel_at_sim_ops;
static MdModemPowerOps quectel_at_power_ops;
static MdModemPowerOps quectel_mbim_power_ops;
static MdModemPowerOps quectel_qmi_power_ops;
static MdModemOps quectel_at_ops;
static MdModemOps quectel_mbim_ops;
static MdModemOps quectel_qmi_ops;

static void
compose_ops (void)
{
  static gsize composed;

  if (!g_once_init_enter (&composed))
    return;
  quectel_at_power_ops = md_at_power_ops;
  quectel_at_power_ops.set_power_state = at_set_power_state;
  quectel_at_sim_ops = md_at_sim_ops;
  quectel_at_sim_ops.watch_presence = at_watch_presence;
  quectel_at_ops = md_at_modem_ops;
  quectel_at_ops.power = &quectel_at_power_ops;
  quectel_at_ops.sim = &quectel_at_sim_ops;
  quectel_mbim_power_ops = md_mbim_power_ops;
  quectel_mbim_power_ops.set_power_state = mbim_set_power_state;
  quectel_mbim_ops = md_mbim_modem_ops;
  quectel_mbim_ops.power = &quectel_mbim_power_ops;
  quectel_qmi_power_ops = md_qmi_power_ops;
  quectel_qmi_power_ops.set_power_state = qmi_set_power_state;
  quectel_qmi_ops = md_qmi_modem_ops;
  quectel_qmi_ops.power = &quectel_qmi_power_ops;
  g_once_init_leave (&composed, 1);
}

static MdModem *
quectel_create (guint modem_id, const MdPluginDevice *device, const MdPluginSettings *settings,
                GError **error)
{
  compose_ops ();
  if (md_plugin_device_find_port (device, MD_MODEM_PORT_TYPE_MBIM))
    return md_mbim_modem_build (modem_id, md_plugin_quectel.name, device, settings, &quectel_mbim_ops);
  if (md_plugin_device_find_port (device, MD_MODEM_PORT_TYPE_QMI))
    return md_qmi_modem_build (modem_id, md_plugin_quectel.name, device, settings, &quectel_qmi_ops);
  return md_at_modem_build (modem_id, md_plugin_quectel.name, device, &quectel_at_ops);
}

const MdPlugin md_plugin_quectel = {
  .name = "quectel",
  .match = { .subsystems = quectel_subsystems, .vendor_ids = quectel_vendor_ids },
  .create = quectel_create,
  .join_port = md_qmi_modem_join_port,
  .leave_port = md_qmi_modem_leave_port,
};
