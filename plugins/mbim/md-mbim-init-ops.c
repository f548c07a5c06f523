/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Identity and capabilities of an MBIM modem. One Device Caps query in
 * setup answers them all: device id (IMEI), firmware and hardware info,
 * cellular class, data classes and the number of sessions; the loads that
 * follow read what setup kept. Maker and model come from the device. */
#include "md-bearer.h"
#include "md-errors.h"
#include "md-mbim-arrays.h"
#include "md-log.h"
#include "md-mbim-ops.h"

typedef struct {
  char *device_id;
  char *firmware;
  char *hardware;
  guint32 cellular_class;
} DeviceCaps;

static void
device_caps_free (gpointer data)
{
  DeviceCaps *caps = data;

  g_free (caps->device_id);
  g_free (caps->firmware);
  g_free (caps->hardware);
  g_free (caps);
}

#define DEVICE_CAPS_KEY "md-mbim-device-caps"

static DeviceCaps *
device_caps (MdModem *modem)
{
  return g_object_get_data (G_OBJECT (modem), DEVICE_CAPS_KEY);
}

static void
parse_device_caps (MdModem *modem, MbimMessage *response, GTask *task)
{
  MdMbimModemData *mbim = md_mbim_modem_data (modem);
  DeviceCaps *caps = g_new0 (DeviceCaps, 1);
  MbimCellularClass cellular_class = 0;
  MbimDataClass data_class = 0;
  guint32 max_sessions = 0;
  GError *error = NULL;

  if (!mbim_message_device_caps_response_parse (response, NULL, &cellular_class, NULL, NULL, &data_class,
                                                NULL, NULL, &max_sessions, NULL, &caps->device_id,
                                                &caps->firmware, &caps->hardware, &error)) {
    device_caps_free (caps);
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid Device Caps"));
    return;
  }
  caps->cellular_class = cellular_class;
  mbim->data_class = data_class;
  mbim->max_sessions = CLAMP (max_sessions, 1, 255);
  md_modem_set_max_bearers (modem, mbim->max_sessions);
  /* Session 0 runs on the main interface, every further one on a link. */
  md_modem_set_max_multiplexed_bearers (modem, mbim->max_sessions > 1 ? mbim->max_sessions - 1 : 0);
  g_object_set_data_full (G_OBJECT (modem), DEVICE_CAPS_KEY, caps, device_caps_free);
  md_log_debug (md_modem_get_log_name (modem), "device caps: data classes 0x%x, %u session(s)", data_class,
                mbim->max_sessions);
  g_task_return_boolean (task, TRUE);
}

static void
caps_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  md_mbim_qmi_setup (MD_MODEM (source), task);
}

/* Device Caps, then QMI over MBIM when the device offers it. */
static void
mbim_setup (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_device_caps_query_new (&error);
  GTask *caps = g_task_new (modem, g_task_get_cancellable (task), caps_ready, task);

  md_mbim_op (modem, caps, request, error, MD_MBIM_TIMEOUT_S, parse_device_caps);
}

static void
mbim_load_identity (MdModem *modem, GTask *task)
{
  DeviceCaps *caps = device_caps (modem);
  MdModemIdentity *identity = g_new0 (MdModemIdentity, 1);
  const char *manufacturer = md_modem_get_device_manufacturer (modem);
  const char *product = md_modem_get_device_product (modem);

  /* MBIM names neither maker nor model. ModemManager publishes, and hashes
   * into DeviceIdentifier, the device's USB names or else these defaults;
   * doing the same keeps NetworkManager's gsm.device-id matching. */
  identity->manufacturer = g_strdup (manufacturer ? manufacturer : md_modem_get_plugin (modem));
  identity->model = product ? g_strdup (product)
                            : g_strdup_printf ("MBIM [%04X:%04X]", md_modem_get_vendor_id (modem),
                                               md_modem_get_product_id (modem));
  identity->revision = g_strdup (caps && caps->firmware ? caps->firmware : "");
  identity->hardware_revision = g_strdup (caps && caps->hardware ? caps->hardware : "");
  identity->equipment_identifier = g_strdup (caps && caps->device_id ? caps->device_id : "");
  g_task_return_pointer (task, identity, (GDestroyNotify)md_modem_identity_free);
  g_object_unref (task);
}

static void
mbim_load_capabilities (MdModem *modem, GTask *task)
{
  DeviceCaps *caps = device_caps (modem);
  guint32 data_class = md_mbim_modem_data (modem)->data_class;
  guint32 result = 0;

  if (caps && (caps->cellular_class & MBIM_CELLULAR_CLASS_GSM))
    result |= MD_MODEM_CAPABILITY_GSM_UMTS;
  if (caps && (caps->cellular_class & MBIM_CELLULAR_CLASS_CDMA))
    result |= MD_MODEM_CAPABILITY_CDMA_EVDO;
  if (data_class & MBIM_DATA_CLASS_LTE)
    result |= MD_MODEM_CAPABILITY_LTE;
  if (data_class & (MBIM_DATA_CLASS_5G_NSA | MBIM_DATA_CLASS_5G_SA))
    result |= MD_MODEM_CAPABILITY_5GNR;
  g_task_return_int (task, result);
  g_object_unref (task);
}

static void
mbim_load_supported_modes (MdModem *modem, GTask *task)
{
  GArray *modes;
  MdModeCombination all;

  if (md_mbim_qmi_port (modem)) {
    md_qmi_init_ops.load_supported_modes (modem, task);
    return;
  }
  modes = g_array_new (FALSE, FALSE, sizeof (MdModeCombination));
  all = (MdModeCombination){ md_mbim_data_class_to_modes (md_mbim_modem_data (modem)->data_class),
                             MD_MODEM_MODE_NONE };
  /* Basic Connect cannot restrict the radio, so the one combination is
   * every mode the device has. */
  g_array_append_val (modes, all);
  g_task_return_pointer (task, modes, (GDestroyNotify)g_array_unref);
  g_object_unref (task);
}

/* Basic Connect has no word for the radio's modes; QMI NAS has. */
static void
mbim_load_current_modes (MdModem *modem, GTask *task)
{
  if (md_mbim_qmi_port (modem)) {
    md_mbim_qmi_load_current_modes (modem, task);
    return;
  }
  g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                           "Basic Connect cannot read the modes in use");
  g_object_unref (task);
}

static void
mbim_load_ip_families (MdModem *modem, GTask *task)
{
  g_task_return_int (task, MD_BEARER_IP_FAMILY_IPV4 | MD_BEARER_IP_FAMILY_IPV6 | MD_BEARER_IP_FAMILY_IPV4V6);
  g_object_unref (task);
}

static void
parse_own_numbers (MdModem *modem, MbimMessage *response, GTask *task)
{
  g_auto (GStrv) numbers = NULL;
  GError *error = NULL;

  /* libmbim checks the rest; the numbers are read in md-mbim-arrays.c. */
  if (!mbim_message_subscriber_ready_status_response_parse (response, NULL, NULL, NULL, NULL, NULL, NULL,
                                                            &error)
      || !(numbers = md_mbim_read_telephone_numbers (response, &error))) {
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid Subscriber Ready Status"));
    return;
  }
  g_task_return_pointer (task, g_steal_pointer (&numbers), (GDestroyNotify)g_strfreev);
}

static void
mbim_load_own_numbers (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_subscriber_ready_status_query_new (&error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_own_numbers);
}

const MdModemInitOps md_mbim_init_ops = {
  .setup = mbim_setup,
  .load_identity = mbim_load_identity,
  .load_capabilities = mbim_load_capabilities,
  .load_ip_families = mbim_load_ip_families,
  .load_own_numbers = mbim_load_own_numbers,
  .load_supported_modes = mbim_load_supported_modes,
  .load_current_modes = mbim_load_current_modes,
};
