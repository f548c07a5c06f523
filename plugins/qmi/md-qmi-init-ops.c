/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Identity, capabilities, modes and own numbers of a QMI modem, from DMS
 * (manufacturer, model, revision, IDs, capabilities, MSISDN) and NAS
 * (system selection preference: the modes the modem may use now). */
#include "md-bearer.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-qmi-ops.h"

MD_QMI_REQUEST (dms_manufacturer, QMI_SERVICE_DMS, QMI_CLIENT_DMS, dms_get_manufacturer,
                "DMS Get Manufacturer");
MD_QMI_REQUEST (dms_model, QMI_SERVICE_DMS, QMI_CLIENT_DMS, dms_get_model, "DMS Get Model");
MD_QMI_REQUEST (dms_revision, QMI_SERVICE_DMS, QMI_CLIENT_DMS, dms_get_revision, "DMS Get Revision");
MD_QMI_REQUEST (dms_ids, QMI_SERVICE_DMS, QMI_CLIENT_DMS, dms_get_ids, "DMS Get IDs");
MD_QMI_REQUEST (dms_msisdn, QMI_SERVICE_DMS, QMI_CLIENT_DMS, dms_get_msisdn, "DMS Get MSISDN");
MD_QMI_REQUEST (dms_capabilities, QMI_SERVICE_DMS, QMI_CLIENT_DMS, dms_get_capabilities,
                "DMS Get Capabilities");
MD_QMI_REQUEST (nas_get_selection, QMI_SERVICE_NAS, QMI_CLIENT_NAS, nas_get_system_selection_preference,
                "NAS Get System Selection Preference");

/* --- identity: four DMS requests in a row ---------------------------------- */

typedef enum {
  IDENTITY_STEP_MANUFACTURER,
  IDENTITY_STEP_MODEL,
  IDENTITY_STEP_REVISION,
  IDENTITY_STEP_IDS,
  IDENTITY_STEP_DONE,
} IdentityStep;

typedef struct {
  IdentityStep step;
  MdModemIdentity *identity;
} IdentityContext;

static void identity_step (MdModem *modem, GTask *task);

static IdentityContext *
identity_context (GTask *task)
{
  return g_object_get_data (G_OBJECT (task), "identity");
}

/* Each step's parse stores its value and runs the next step on the same
 * task; the inner task of md_qmi_op only carries the step's result. */
static void
parse_manufacturer (MdModem *modem, gpointer output, GTask *task)
{
  const char *value = NULL;

  qmi_message_dms_get_manufacturer_output_get_manufacturer (output, &value, NULL);
  g_task_return_pointer (task, g_strdup (value ? value : ""), g_free);
}

static void
parse_model (MdModem *modem, gpointer output, GTask *task)
{
  const char *value = NULL;

  qmi_message_dms_get_model_output_get_model (output, &value, NULL);
  g_task_return_pointer (task, g_strdup (value ? value : ""), g_free);
}

static void
parse_revision (MdModem *modem, gpointer output, GTask *task)
{
  const char *value = NULL;

  qmi_message_dms_get_revision_output_get_revision (output, &value, NULL);
  g_task_return_pointer (task, g_strdup (value ? value : ""), g_free);
}

/* The equipment identifier: IMEI, else MEID, else ESN (as on AT, +CGSN). */
static void
parse_ids (MdModem *modem, gpointer output, GTask *task)
{
  const char *imei = NULL, *meid = NULL, *esn = NULL;

  qmi_message_dms_get_ids_output_get_imei (output, &imei, NULL);
  qmi_message_dms_get_ids_output_get_meid (output, &meid, NULL);
  qmi_message_dms_get_ids_output_get_esn (output, &esn, NULL);
  /* A blank ESN is "0"; an unprogrammed MEID is all zeros. */
  if (esn && g_strcmp0 (esn, "0") == 0)
    esn = NULL;
  g_task_return_pointer (task,
                         g_strdup (imei && *imei   ? imei
                                   : meid && *meid ? meid
                                   : esn           ? esn
                                                   : ""),
                         g_free);
}

static void
identity_step_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  IdentityContext *ctx = identity_context (task);
  GError *error = NULL;
  char *value = g_task_propagate_pointer (G_TASK (result), &error);

  if (!value) {
    g_task_return_error (task, error);
    return;
  }
  switch (ctx->step) {
  case IDENTITY_STEP_MANUFACTURER: ctx->identity->manufacturer = value; break;
  case IDENTITY_STEP_MODEL: ctx->identity->model = value; break;
  case IDENTITY_STEP_REVISION: ctx->identity->revision = value; break;
  case IDENTITY_STEP_IDS: ctx->identity->equipment_identifier = value; break;
  case IDENTITY_STEP_DONE: g_free (value); break;
  }
  ctx->step++;
  identity_step (MD_MODEM (source), g_steal_pointer (&task));
}

/* The task one identity request answers into: made only for a request
 * that is sent, so none is dropped without its result. */
static GTask *
identity_request (MdModem *modem, GTask *task)
{
  return g_task_new (modem, g_task_get_cancellable (task), identity_step_ready, task);
}

static void
identity_step (MdModem *modem, GTask *task)
{
  IdentityContext *ctx = identity_context (task);

  switch (ctx->step) {
  case IDENTITY_STEP_MANUFACTURER:
    md_qmi_op (modem, &dms_manufacturer, NULL, 0, identity_request (modem, task), parse_manufacturer);
    return;
  case IDENTITY_STEP_MODEL:
    md_qmi_op (modem, &dms_model, NULL, 0, identity_request (modem, task), parse_model);
    return;
  case IDENTITY_STEP_REVISION:
    md_qmi_op (modem, &dms_revision, NULL, 0, identity_request (modem, task), parse_revision);
    return;
  case IDENTITY_STEP_IDS:
    md_qmi_op (modem, &dms_ids, NULL, 0, identity_request (modem, task), parse_ids);
    return;
  case IDENTITY_STEP_DONE:
    ctx->identity->hardware_revision = g_strdup ("");
    g_task_return_pointer (task, g_steal_pointer (&ctx->identity), (GDestroyNotify)md_modem_identity_free);
    g_object_unref (task);
    return;
  }
}

static void
identity_context_free (gpointer data)
{
  IdentityContext *ctx = data;

  g_clear_pointer (&ctx->identity, md_modem_identity_free);
  g_free (ctx);
}

static void
qmi_load_identity (MdModem *modem, GTask *task)
{
  IdentityContext *ctx = g_new0 (IdentityContext, 1);

  ctx->identity = g_new0 (MdModemIdentity, 1);
  g_object_set_data_full (G_OBJECT (task), "identity", ctx, identity_context_free);
  identity_step (modem, task);
}

/* --- capabilities and supported modes --------------------------------------- */

/* The radio interfaces DMS Get Capabilities lists; a modem that does not
 * answer it is taken as GSM/UMTS/LTE, what nearly every QMI modem is. */
static void
parse_capabilities (MdModem *modem, gpointer output, GTask *task)
{
  GArray *radios = NULL;
  guint32 caps = 0;

  if (!qmi_message_dms_get_capabilities_output_get_info (output, NULL, NULL, NULL, NULL, &radios, NULL)
      || !radios) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "No radio interfaces listed");
    return;
  }
  for (guint i = 0; i < radios->len; i++) {
    switch (g_array_index (radios, QmiDmsRadioInterface, i)) {
    case QMI_DMS_RADIO_INTERFACE_GSM:
    case QMI_DMS_RADIO_INTERFACE_UMTS: caps |= MD_MODEM_CAPABILITY_GSM_UMTS; break;
    case QMI_DMS_RADIO_INTERFACE_CDMA20001X:
    case QMI_DMS_RADIO_INTERFACE_EVDO: caps |= MD_MODEM_CAPABILITY_CDMA_EVDO; break;
    case QMI_DMS_RADIO_INTERFACE_LTE: caps |= MD_MODEM_CAPABILITY_LTE; break;
    case QMI_DMS_RADIO_INTERFACE_5GNR: caps |= MD_MODEM_CAPABILITY_5GNR; break;
    case QMI_DMS_RADIO_INTERFACE_TDS: caps |= MD_MODEM_CAPABILITY_TDS; break;
    }
  }
  g_task_return_int (task, caps);
}

static void
capabilities_refused (MdModem *modem, gpointer output, GError *error, GTask *task)
{
  md_log_debug (md_modem_get_log_name (modem), "capabilities not listed (%s): taking GSM/UMTS and LTE",
                error->message);
  g_error_free (error);
  g_task_return_int (task, MD_MODEM_CAPABILITY_GSM_UMTS | MD_MODEM_CAPABILITY_LTE);
}

static void
qmi_load_capabilities (MdModem *modem, GTask *task)
{
  md_qmi_op_full (modem, &dms_capabilities, NULL, 0, task, parse_capabilities, capabilities_refused);
}

static guint32
modes_from_capabilities (guint32 caps)
{
  guint32 modes = 0;

  if (caps & MD_MODEM_CAPABILITY_GSM_UMTS)
    modes |= MD_MODEM_MODE_2G | MD_MODEM_MODE_3G;
  if (caps & MD_MODEM_CAPABILITY_CDMA_EVDO)
    modes |= MD_MODEM_MODE_2G | MD_MODEM_MODE_3G;
  if (caps & MD_MODEM_CAPABILITY_LTE)
    modes |= MD_MODEM_MODE_4G;
  if (caps & MD_MODEM_CAPABILITY_5GNR)
    modes |= MD_MODEM_MODE_5G;
  return modes;
}

/* All the modem's modes together, and each of them alone: what NAS system
 * selection preference can set. */
static void
qmi_load_supported_modes (MdModem *modem, GTask *task)
{
  GArray *modes = g_array_new (FALSE, FALSE, sizeof (MdModeCombination));
  guint32 caps = md_modem_get_capabilities (modem);
  guint32 all
    = modes_from_capabilities (caps ? caps : MD_MODEM_CAPABILITY_GSM_UMTS | MD_MODEM_CAPABILITY_LTE);
  MdModeCombination combination = { all, MD_MODEM_MODE_NONE };

  g_array_append_val (modes, combination);
  for (guint32 bit = MD_MODEM_MODE_2G; bit <= MD_MODEM_MODE_5G; bit <<= 1) {
    if ((all & bit) && all != bit) {
      MdModeCombination single = { bit, MD_MODEM_MODE_NONE };

      g_array_append_val (modes, single);
    }
  }
  g_task_return_pointer (task, modes, (GDestroyNotify)g_array_unref);
  g_object_unref (task);
}

/* --- current modes ------------------------------------------------------------ */

static void
parse_selection (MdModem *modem, gpointer output, GTask *task)
{
  QmiNasRatModePreference rats = 0;
  MdModeCombination *modes;

  if (!qmi_message_nas_get_system_selection_preference_output_get_mode_preference (output, &rats, NULL)) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "No mode preference given");
    return;
  }
  modes = g_new0 (MdModeCombination, 1);
  modes->allowed = md_qmi_modes_from_rat_preference (rats);
  modes->preferred = MD_MODEM_MODE_NONE;
  g_task_return_pointer (task, modes, g_free);
}

static void
qmi_load_current_modes (MdModem *modem, GTask *task)
{
  md_qmi_op (modem, &nas_get_selection, NULL, 0, task, parse_selection);
}

/* --- the rest -------------------------------------------------------------------- */

static void
qmi_load_ip_families (MdModem *modem, GTask *task)
{
  g_task_return_int (task, MD_BEARER_IP_FAMILY_IPV4 | MD_BEARER_IP_FAMILY_IPV6 | MD_BEARER_IP_FAMILY_IPV4V6);
  g_object_unref (task);
}

static void
parse_msisdn (MdModem *modem, gpointer output, GTask *task)
{
  const char *msisdn = NULL;
  GPtrArray *numbers = g_ptr_array_new ();

  if (qmi_message_dms_get_msisdn_output_get_msisdn (output, &msisdn, NULL) && msisdn && *msisdn)
    g_ptr_array_add (numbers, g_strdup (msisdn));
  g_ptr_array_add (numbers, NULL);
  g_task_return_pointer (task, g_ptr_array_free (numbers, FALSE), (GDestroyNotify)g_strfreev);
}

static void
qmi_load_own_numbers (MdModem *modem, GTask *task)
{
  md_qmi_op (modem, &dms_msisdn, NULL, 0, task, parse_msisdn);
}

/* --- setup: the later flows' clients, allocated in the background ------------ */

/* Initialization allocates DMS, UIM and NAS by using them; Enable then
 * needs WMS and Connect WDA and WDS. A client id costs a CTL round trip,
 * so these are asked for now, beside initialization's own requests, and
 * Enable and Connect find them allocated (or join an allocation still
 * running: the port shares it). A service the device lacks is remembered
 * by the port and fails its first user as it would have anyway. */
static const QmiService later_services[] = { QMI_SERVICE_WMS, QMI_SERVICE_WDA, QMI_SERVICE_WDS };

static void
later_client_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (QmiClient) client = md_qmi_port_get_client_finish (MD_QMI_PORT (source), result, &error);

  if (!client)
    md_log_debug (md_qmi_port_get_name (MD_QMI_PORT (source)), "no %s client ahead of use: %s",
                  (const char *)user_data, error->message);
}

static void
qmi_setup (MdModem *modem, GTask *task)
{
  MdQmiPort *port = md_qmi_modem_port (modem);

  for (guint i = 0; port && i < G_N_ELEMENTS (later_services); i++)
    md_qmi_port_get_client_async (port, later_services[i], NULL, later_client_ready,
                                  (gpointer)qmi_service_get_string (later_services[i]));
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

const MdModemInitOps md_qmi_init_ops = {
  .setup = qmi_setup,
  .load_identity = qmi_load_identity,
  .load_capabilities = qmi_load_capabilities,
  .load_ip_families = qmi_load_ip_families,
  .load_own_numbers = qmi_load_own_numbers,
  .load_supported_modes = qmi_load_supported_modes,
  .load_current_modes = qmi_load_current_modes,
};
