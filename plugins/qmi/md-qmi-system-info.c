/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NAS System Info indications of a QMI modem: Serving System names no
 * tracking area and no 5G, so the LTE and NR5G parts of System Info
 * report the EPS and 5GS registration with their cell (LAC, TAC, cell
 * id). The PS domain stays Serving System's (md-qmi-netreg-ops.c). */
#include "md-log.h"
#include "md-qmi-ops.h"

typedef struct {
  gboolean present; /* the radio's service status was reported */
  QmiNasServiceStatus status;
  gboolean roaming_valid, lac_valid, cid_valid, tac_valid;
  QmiNasRoamingStatus roaming;
  guint16 lac, tac;
  guint32 cid;
} RadioInfo;

/* Only a radio in full service counts as registered; anything else leaves
 * the domain idle, so Serving System decides. */
static void
apply (MdModem *modem, MdRegDomain domain, const char *name, const RadioInfo *radio, guint32 act)
{
  MdCellLocation cell = { 0 };
  MdModem3gppRegistrationState state = MD_MODEM_3GPP_REGISTRATION_STATE_IDLE;

  if (radio->present && radio->status == QMI_NAS_SERVICE_STATUS_AVAILABLE) {
    state = radio->roaming_valid && radio->roaming != QMI_NAS_ROAMING_STATUS_OFF
              ? MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING
              : MD_MODEM_3GPP_REGISTRATION_STATE_HOME;
    cell.lac = radio->lac_valid ? radio->lac : 0;
    cell.tac = radio->tac_valid ? radio->tac : 0;
    cell.cell_id = radio->cid_valid ? radio->cid : 0;
    md_log_debug (md_modem_get_log_name (modem), "System Info: %s in service, TAC %04X", name, cell.tac);
  }
  md_modem_update_registration (modem, domain, state, radio->cid_valid ? &cell : NULL,
                                state == MD_MODEM_3GPP_REGISTRATION_STATE_IDLE ? 0 : act);
}

void
md_qmi_system_info_indication (QmiClientNas *client, QmiIndicationNasSystemInfoOutput *output,
                               gpointer user_data)
{
  MdModem *modem = user_data;
  RadioInfo lte = { 0 }, nr = { 0 };

  lte.present
    = qmi_indication_nas_system_info_output_get_lte_service_status (output, &lte.status, NULL, NULL, NULL);
  qmi_indication_nas_system_info_output_get_lte_system_info_v2 (
    output, NULL, NULL, NULL, NULL, &lte.roaming_valid, &lte.roaming, NULL, NULL, &lte.lac_valid, &lte.lac,
    &lte.cid_valid, &lte.cid, NULL, NULL, NULL, NULL, NULL, NULL, &lte.tac_valid, &lte.tac, NULL);
  nr.present = qmi_indication_nas_system_info_output_get_nr5g_service_status_info (output, &nr.status, NULL,
                                                                                   NULL, NULL);
  qmi_indication_nas_system_info_output_get_nr5g_system_info (
    output, NULL, NULL, NULL, NULL, &nr.roaming_valid, &nr.roaming, NULL, NULL, &nr.lac_valid, &nr.lac,
    &nr.cid_valid, &nr.cid, NULL, NULL, NULL, NULL, NULL, NULL, &nr.tac_valid, &nr.tac, NULL);
  apply (modem, MD_REG_DOMAIN_EPS, "LTE", &lte, MD_MODEM_ACCESS_TECHNOLOGY_LTE);
  apply (modem, MD_REG_DOMAIN_5GS, "NR5G", &nr, MD_MODEM_ACCESS_TECHNOLOGY_5GNR);
}
