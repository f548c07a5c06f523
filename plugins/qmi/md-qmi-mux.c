/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Mux ids and links of multiplexed QMI bearers: the lowest free mux id
 * (1..MD_QMI_MAX_MUX) and its link on the modem's network interface (a
 * qmi_wwan "qmimux" link or an rmnet link, as src/port decides from
 * sysfs), taken for a bearer's connection and given back when it ends;
 * whether the data port may switch to QMAP; and WDS Bind Mux Data Port, which ties a call's client to its mux
 * id on the interface's data endpoint. */
#include "md-errors.h"
#include "md-log.h"
#include "md-qmi-data-pair.h"
#include "md-qmi-ops.h"

MD_QMI_REQUEST_IN (wds_bind, QMI_SERVICE_WDS, QMI_CLIENT_WDS, wds_bind_mux_data_port,
                   "WDS Bind Mux Data Port");

gboolean
md_qmi_mux_acquire (MdModem *modem, const char *net, guint *out_mux_id, char **out_link, GError **error)
{
  MdQmiModemData *qmi = md_qmi_modem_data (modem);
  MdNetLinkKind kind;
  guint mux_id = 0;

  if (!qmi || qmi->max_mux == 0) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "The modem cannot multiplex bearers");
    return FALSE;
  }
  for (guint id = 1; id <= qmi->max_mux && !mux_id; id++) {
    if (!(qmi->mux_in_use & (1u << id)))
      mux_id = id;
  }
  if (!mux_id) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_TOO_MANY, "All %u multiplexed bearers are connected",
                 qmi->max_mux);
    return FALSE;
  }
  kind = md_net_links_qmi_mux_kind (qmi->links, net);
  if (!md_net_links_add_session_link (qmi->links, kind, net, mux_id, out_link, error))
    return FALSE;
  qmi->mux_in_use |= 1u << mux_id;
  md_log_info (md_modem_get_log_name (modem), "created link %s for mux id %u", *out_link, mux_id);
  *out_mux_id = mux_id;
  return TRUE;
}

void
md_qmi_mux_release (MdModem *modem, guint mux_id, const char *link)
{
  MdQmiModemData *qmi = md_qmi_modem_data (modem);
  g_autoptr (GError) error = NULL;

  if (!qmi || !mux_id)
    return;
  qmi->mux_in_use &= ~(1u << mux_id);
  if (!link)
    return;
  if (!md_net_links_delete (qmi->links, link, &error))
    md_log_warn (md_modem_get_log_name (modem), "%s", error->message);
  else
    md_log_info (md_modem_get_log_name (modem), "removed link %s", link);
}

/* --- the data endpoint ---------------------------------------------------- */

static QmiDataEndpointType
endpoint_type (MdNetLinkBus bus)
{
  switch (bus) {
  case MD_NET_LINK_BUS_USB: return QMI_DATA_ENDPOINT_TYPE_HSUSB;
  case MD_NET_LINK_BUS_PCIE: return QMI_DATA_ENDPOINT_TYPE_PCIE;
  case MD_NET_LINK_BUS_EMBEDDED: return QMI_DATA_ENDPOINT_TYPE_EMBEDDED;
  case MD_NET_LINK_BUS_BAM_DMUX: return QMI_DATA_ENDPOINT_TYPE_BAM_DMUX;
  case MD_NET_LINK_BUS_UNKNOWN: return QMI_DATA_ENDPOINT_TYPE_UNKNOWN;
  }
  return QMI_DATA_ENDPOINT_TYPE_UNKNOWN;
}

void
md_qmi_mux_endpoint (MdModem *modem, const char *net, QmiDataEndpointType *out_type, guint *out_interface)
{
  MdQmiModemData *qmi = md_qmi_modem_data (modem);
  g_autoptr (GError) error = NULL;
  MdNetLinkBus bus = MD_NET_LINK_BUS_UNKNOWN;
  guint interface = 0;

  /* Without sysfs facts (an emulated or vanished interface) the modem is
   * taken for the USB modem on interface 0 that most QMI modems are. */
  if (!qmi
      || !md_net_link_data_endpoint (md_net_links_get_sysfs_root (qmi->links), net, &bus, &interface,
                                     &error)) {
    md_log_debug (md_modem_get_log_name (modem), "data endpoint of %s unknown (%s): USB interface 0", net,
                  error ? error->message : "no QMI port");
    *out_type = QMI_DATA_ENDPOINT_TYPE_HSUSB;
    *out_interface = 0;
    return;
  }
  *out_type = endpoint_type (bus);
  *out_interface = interface;
}

static void
bind_accepted (MdModem *modem, gpointer output, GTask *task)
{
  g_task_return_boolean (task, TRUE);
}

void
md_qmi_mux_bind (MdModem *modem, guint pair, guint instance, guint mux_id, const char *net, GTask *task)
{
  QmiMessageWdsBindMuxDataPortInput *input = qmi_message_wds_bind_mux_data_port_input_new ();
  QmiDataEndpointType type = QMI_DATA_ENDPOINT_TYPE_HSUSB;
  guint interface = 0;

  md_qmi_mux_endpoint (modem, net, &type, &interface);
  md_log_debug (md_modem_get_log_name (modem), "binding mux id %u to endpoint %s, interface %u", mux_id,
                qmi_data_endpoint_type_get_string (type), interface);
  qmi_message_wds_bind_mux_data_port_input_set_mux_id (input, (guint8)mux_id, NULL);
  qmi_message_wds_bind_mux_data_port_input_set_client_type (input, QMI_WDS_CLIENT_TYPE_TETHERED, NULL);
  qmi_message_wds_bind_mux_data_port_input_set_endpoint_info (input, type, interface, NULL);
  md_qmi_pair_op (modem, pair, &wds_bind, instance, input, 0, task, bind_accepted, NULL);
}
