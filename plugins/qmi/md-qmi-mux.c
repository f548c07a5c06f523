/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Mux ids and links of multiplexed QMI bearers: the lowest free mux id
 * (1..MD_QMI_MAX_MUX) and its rmnet link on the modem's network interface,
 * taken for a bearer's connection and given back when it ends. The WDS
 * side (Bind Mux Data Port) is the bearer ops'. */
#include "md-errors.h"
#include "md-log.h"
#include "md-qmi-ops.h"

gboolean
md_qmi_mux_acquire (MdModem *modem, const char *net, guint *out_mux_id, char **out_link, GError **error)
{
  MdQmiModemData *qmi = md_qmi_modem_data (modem);
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
  if (!md_net_links_add_session_link (qmi->links, MD_NET_LINK_KIND_RMNET, net, mux_id, out_link, error))
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
