/* SPDX-License-Identifier: GPL-2.0-or-later */
/* QMI over MBIM for an MBIM modem: at setup, when the device lists
 * Qualcomm's QMI service and the MBIM port is shared through mbim-proxy, a
 * QMI port over the same node is opened and held in the QMI role, so the
 * QMI driver's ops can run for what Basic Connect lacks (modes, bands).
 * Nothing here is fatal: without QMI the modem stays a Basic Connect
 * modem. */
#include "md-errors.h"
#include "md-log.h"
#include "md-mbim-arrays.h"
#include "md-mbim-ops.h"
#include "md-qmi-modem.h"

MdQmiPort *
md_mbim_qmi_port (MdModem *modem)
{
  MdQmiPort *port = md_qmi_modem_port (modem);

  return port && md_qmi_port_is_open (port) ? port : NULL;
}

static void
qmi_open_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  MdModem *modem = g_task_get_source_object (task);
  g_autoptr (MdQmiPort) port = MD_QMI_PORT (source);
  g_autoptr (GError) error = NULL;

  if (!md_qmi_port_open_finish (port, result, &error)) {
    md_log_warn (md_modem_get_log_name (modem), "QMI over MBIM not usable: %s", error->message);
    g_task_return_boolean (task, TRUE);
    return;
  }
  md_log_info (md_modem_get_log_name (modem), "QMI over MBIM open: modes through QMI NAS");
  md_modem_hold_port (modem, MD_PORT (port), MD_PORT_ROLE_QMI);
  g_task_return_boolean (task, TRUE);
}

static void
parse_services (MdModem *modem, MbimMessage *response, GTask *task)
{
  const char *log_name = md_modem_get_log_name (modem);
  MdPort *mbim = md_modem_get_port (modem, MD_PORT_ROLE_MBIM);
  GError *error = NULL;
  gboolean lists = FALSE;
  MdQmiPort *port;

  /* libmbim's own reader trusts the device's counts (md-mbim-arrays.c). */
  if (!md_mbim_read_lists_qmi (response, &lists, &error))
    md_log_debug (log_name, "device services unreadable: %s", error->message);
  g_clear_error (&error);
  if (!lists) {
    g_task_return_boolean (task, TRUE);
    return;
  }
  /* A modem whose replies a function gives (fuzzing) has no node. */
  if (md_mbim_modem_data (modem)->reply) {
    md_log_debug (log_name, "QMI over MBIM offered, no node to open");
    g_task_return_boolean (task, TRUE);
    return;
  }
  /* libqmi opens its own MbimDevice on the node; only mbim-proxy lets it
   * share the node with our MBIM port, one process per node otherwise. */
  if (!md_mbim_port_get_use_proxy (MD_MBIM_PORT (mbim))) {
    md_log_info (log_name, "QMI over MBIM offered but not used: the MBIM port is not shared (no mbim-proxy)");
    g_task_return_boolean (task, TRUE);
    return;
  }
  port = md_qmi_port_new_over_mbim (md_mbim_port_get_device (MD_MBIM_PORT (mbim)), TRUE);
  md_qmi_port_open_async (port, MD_MBIM_TIMEOUT_S, g_task_get_cancellable (task), qmi_open_ready,
                          g_object_ref (task));
}

static void
services_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  /* A device that does not answer DEVICE_SERVICES just has no QMI. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    md_log_debug (md_modem_get_log_name (MD_MODEM (source)), "no device services: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

void
md_mbim_qmi_setup (MdModem *modem, GTask *task)
{
  MdMbimModemData *mbim = md_mbim_modem_data (modem);
  GError *error = NULL;
  MbimMessage *request;
  GTask *services;

  if (!mbim || !md_modem_get_port (modem, MD_PORT_ROLE_MBIM) || md_mbim_qmi_port (modem)) {
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  request = mbim_message_device_services_query_new (&error);
  services = g_task_new (modem, g_task_get_cancellable (task), services_ready, task);
  md_mbim_op (modem, services, request, error, MD_MBIM_TIMEOUT_S, parse_services);
}

/* --- modes through QMI ---------------------------------------------------------- */

static void
current_modes_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GArray *supported = md_modem_get_supported_modes (MD_MODEM (source));
  GError *error = NULL;
  MdModeCombination *modes = g_task_propagate_pointer (G_TASK (result), &error);
  guint32 all = 0;

  if (!modes) {
    g_task_return_error (task, error);
    return;
  }
  /* NAS may allow radios the device does not have (5G on an LTE modem):
   * what is in use is what the device can do of it. */
  for (guint i = 0; supported && i < supported->len; i++)
    all |= g_array_index (supported, MdModeCombination, i).allowed;
  if (all && (modes->allowed & all))
    modes->allowed &= all;
  g_task_return_pointer (task, modes, g_free);
}

void
md_mbim_qmi_load_current_modes (MdModem *modem, GTask *task)
{
  md_qmi_init_ops.load_current_modes (
    modem, g_task_new (modem, g_task_get_cancellable (task), current_modes_ready, task));
}

/* --- bands: only through QMI ------------------------------------------------------ */

static gboolean
no_qmi (MdModem *modem, GTask *task)
{
  if (md_mbim_qmi_port (modem))
    return FALSE;
  g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "Basic Connect has no bands");
  g_object_unref (task);
  return TRUE;
}

static void
mbim_load_supported_bands (MdModem *modem, GTask *task)
{
  if (!no_qmi (modem, task))
    md_qmi_bands_ops.load_supported_bands (modem, task);
}

static void
mbim_load_current_bands (MdModem *modem, GTask *task)
{
  if (!no_qmi (modem, task))
    md_qmi_bands_ops.load_current_bands (modem, task);
}

static void
mbim_set_current_bands (MdModem *modem, GArray *bands, GTask *task)
{
  if (!no_qmi (modem, task))
    md_qmi_bands_ops.set_current_bands (modem, bands, task);
}

const MdModemBandsOps md_mbim_bands_ops = {
  .load_supported_bands = mbim_load_supported_bands,
  .load_current_bands = mbim_load_current_bands,
  .set_current_bands = mbim_set_current_bands,
};
