/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Basic Connect: the table of CIDs and their handlers, and the device and
 * SIM side: DEVICE_CAPS, SUBSCRIBER_READY_STATUS, PIN, PIN_LIST,
 * DEVICE_SERVICES and DEVICE_SERVICE_SUBSCRIBE_LIST. */
#include "sim-mbim-private.h"

#include <string.h>

#define PIN_MIN_LENGTH 4
#define PIN_MAX_LENGTH 8
#define N_PIN_DESCS    10

typedef void (*Handler) (SimMbim *self, const SimMbimRequest *req);

static void device_caps_query (SimMbim *self, const SimMbimRequest *req);
static void device_services_query (SimMbim *self, const SimMbimRequest *req);
static void subscribe_list_set (SimMbim *self, const SimMbimRequest *req);
static void subscriber_query (SimMbim *self, const SimMbimRequest *req);
static void pin_query (SimMbim *self, const SimMbimRequest *req);
static void pin_set (SimMbim *self, const SimMbimRequest *req);
static void pin_list_query (SimMbim *self, const SimMbimRequest *req);

static const struct {
  guint32 cid;
  Handler query;
  Handler set;
} handlers[] = {
  { MBIM_CID_BASIC_CONNECT_DEVICE_CAPS, device_caps_query, NULL },
  { MBIM_CID_BASIC_CONNECT_SUBSCRIBER_READY_STATUS, subscriber_query, NULL },
  { MBIM_CID_BASIC_CONNECT_RADIO_STATE, sim_mbim_radio_query, sim_mbim_radio_set },
  { MBIM_CID_BASIC_CONNECT_PIN, pin_query, pin_set },
  { MBIM_CID_BASIC_CONNECT_PIN_LIST, pin_list_query, NULL },
  { MBIM_CID_BASIC_CONNECT_HOME_PROVIDER, sim_mbim_home_provider_query, NULL },
  { MBIM_CID_BASIC_CONNECT_VISIBLE_PROVIDERS, sim_mbim_visible_providers_query, NULL },
  { MBIM_CID_BASIC_CONNECT_REGISTER_STATE, sim_mbim_register_query, sim_mbim_register_set },
  { MBIM_CID_BASIC_CONNECT_PACKET_SERVICE, sim_mbim_packet_query, sim_mbim_packet_set },
  { MBIM_CID_BASIC_CONNECT_SIGNAL_STATE, sim_mbim_signal_query, sim_mbim_signal_set },
  { MBIM_CID_BASIC_CONNECT_CONNECT, sim_mbim_connect_query, sim_mbim_connect_set },
  { MBIM_CID_BASIC_CONNECT_IP_CONFIGURATION, sim_mbim_ip_configuration_query, NULL },
  { MBIM_CID_BASIC_CONNECT_PROVISIONED_CONTEXTS, sim_mbim_provisioned_contexts_query,
    sim_mbim_provisioned_contexts_set },
  { MBIM_CID_BASIC_CONNECT_PACKET_STATISTICS, sim_mbim_packet_statistics_query, NULL },
  { MBIM_CID_BASIC_CONNECT_DEVICE_SERVICES, device_services_query, NULL },
  { MBIM_CID_BASIC_CONNECT_DEVICE_SERVICE_SUBSCRIBE_LIST, NULL, subscribe_list_set },
};

void
sim_mbim_basic_handle (SimMbim *self, const SimMbimRequest *req)
{
  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++) {
    Handler handler;

    if (handlers[i].cid != req->cid)
      continue;
    handler = req->type == MBIM_MESSAGE_COMMAND_TYPE_SET ? handlers[i].set : handlers[i].query;
    if (handler)
      handler (self, req);
    else
      sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT, NULL);
    return;
  }
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT, NULL);
}

/* --- DEVICE_CAPS ------------------------------------------------------------- */

/* Every 3GPP class up to LTE; 5G when the network offers it. SMS is not
 * served over MBIM, so no SMS caps. Manual registration is supported, and
 * the hardware radio switch is reported (always on). */
static void
device_caps_query (SimMbim *self, const SimMbimRequest *req)
{
  SimModel *model = self->model;
  SimMbimBuilder *b = sim_mbim_builder_new ();
  guint32 data_class = MBIM_DATA_CLASS_GPRS | MBIM_DATA_CLASS_EDGE | MBIM_DATA_CLASS_UMTS
                       | MBIM_DATA_CLASS_HSDPA | MBIM_DATA_CLASS_HSUPA | MBIM_DATA_CLASS_LTE;

  if (model->net.tech == SIM_TECH_5GNR)
    data_class |= MBIM_DATA_CLASS_5G_SA;
  sim_mbim_builder_u32 (b, MBIM_DEVICE_TYPE_REMOTE);
  sim_mbim_builder_u32 (b, MBIM_CELLULAR_CLASS_GSM);
  sim_mbim_builder_u32 (b, MBIM_VOICE_CLASS_NO_VOICE);
  sim_mbim_builder_u32 (b, MBIM_SIM_CLASS_REMOVABLE);
  sim_mbim_builder_u32 (b, data_class);
  sim_mbim_builder_u32 (b, 0);
  sim_mbim_builder_u32 (b, MBIM_CTRL_CAPS_REG_MANUAL | MBIM_CTRL_CAPS_HW_RADIO_SWITCH);
  sim_mbim_builder_u32 (b, model->max_sessions);
  sim_mbim_builder_string (b, NULL);
  sim_mbim_builder_string (b, model->identity.imei);
  sim_mbim_builder_string (b, model->identity.revision);
  sim_mbim_builder_string (b, model->identity.model);
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, sim_mbim_builder_end (b));
}

/* --- SUBSCRIBER_READY_STATUS ------------------------------------------------ */

static MbimSubscriberReadyState
ready_state (SimModel *model)
{
  switch (model->sim.lock) {
  case SIM_LOCK_READY: return MBIM_SUBSCRIBER_READY_STATE_INITIALIZED;
  case SIM_LOCK_PIN:
  case SIM_LOCK_PUK: return MBIM_SUBSCRIBER_READY_STATE_DEVICE_LOCKED;
  case SIM_LOCK_BLOCKED: return MBIM_SUBSCRIBER_READY_STATE_BAD_SIM;
  case SIM_LOCK_ABSENT: return MBIM_SUBSCRIBER_READY_STATE_SIM_NOT_INSERTED;
  }
  return MBIM_SUBSCRIBER_READY_STATE_FAILURE;
}

/* As real cards: the ICCID is readable whenever a card is there, the IMSI
 * and the numbers only once it is unlocked. */
static GByteArray *
subscriber_buffer (SimModel *model)
{
  SimMbimBuilder *b = sim_mbim_builder_new ();
  MbimSubscriberReadyState state = ready_state (model);
  gboolean ready = state == MBIM_SUBSCRIBER_READY_STATE_INITIALIZED;
  guint n = ready ? g_strv_length (model->sim.own_numbers) : 0;

  sim_mbim_builder_u32 (b, state);
  sim_mbim_builder_string (b, ready ? model->sim.imsi : NULL);
  sim_mbim_builder_string (b, model->sim.lock != SIM_LOCK_ABSENT ? model->sim.iccid : NULL);
  sim_mbim_builder_u32 (b, MBIM_READY_INFO_FLAG_NONE);
  sim_mbim_builder_u32 (b, n);
  for (guint i = 0; i < n; i++)
    sim_mbim_builder_string (b, model->sim.own_numbers[i]);
  return sim_mbim_builder_end (b);
}

static void
subscriber_query (SimMbim *self, const SimMbimRequest *req)
{
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, subscriber_buffer (self->model));
}

void
sim_mbim_indicate_subscriber (SimMbim *self)
{
  sim_mbim_indicate (self, MBIM_CID_BASIC_CONNECT_SUBSCRIBER_READY_STATUS, subscriber_buffer (self->model),
                     TRUE);
}

/* --- PIN --------------------------------------------------------------------- */

/* The PIN the card asks for, or PIN1 unlocked with its retries. */
static GByteArray *
pin_info (SimModel *model)
{
  SimMbimBuilder *b = sim_mbim_builder_new ();
  gboolean puk = model->sim.lock == SIM_LOCK_PUK || model->sim.lock == SIM_LOCK_BLOCKED;

  sim_mbim_builder_u32 (b, puk ? MBIM_PIN_TYPE_PUK1 : MBIM_PIN_TYPE_PIN1);
  sim_mbim_builder_u32 (b,
                        model->sim.lock == SIM_LOCK_READY ? MBIM_PIN_STATE_UNLOCKED : MBIM_PIN_STATE_LOCKED);
  sim_mbim_builder_u32 (b, puk ? model->sim.puk_retries : model->sim.pin_retries);
  return sim_mbim_builder_end (b);
}

static void
pin_query (SimMbim *self, const SimMbimRequest *req)
{
  SimLockState lock = self->model->sim.lock;

  if (lock == SIM_LOCK_ABSENT || lock == SIM_LOCK_BLOCKED) {
    sim_mbim_reply (self, req->tid, req->cid, sim_mbim_sim_status (self->model), NULL);
    return;
  }
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, pin_info (self->model));
}

static gboolean
run_pin_operation (SimModel *model, guint32 type, guint32 operation, const char *pin, const char *new_pin,
                   GError **error)
{
  if (type == MBIM_PIN_TYPE_PUK1 && operation == MBIM_PIN_OPERATION_ENTER)
    return sim_model_enter_puk (model, pin, new_pin, error);
  if (type != MBIM_PIN_TYPE_PIN1) {
    g_set_error (error, SIM_ERROR, SIM_ERROR_NOT_SUPPORTED, "PIN type %u is not supported", type);
    return FALSE;
  }
  switch (operation) {
  case MBIM_PIN_OPERATION_ENTER: return sim_model_enter_pin (model, pin, error);
  case MBIM_PIN_OPERATION_ENABLE: return sim_model_set_pin_enabled (model, TRUE, pin, error);
  case MBIM_PIN_OPERATION_DISABLE: return sim_model_set_pin_enabled (model, FALSE, pin, error);
  case MBIM_PIN_OPERATION_CHANGE: return sim_model_change_pin (model, pin, new_pin, error);
  }
  g_set_error (error, SIM_ERROR, SIM_ERROR_INCORRECT_PARAMETERS, "PIN operation %u", operation);
  return FALSE;
}

/* A wrong PIN answers FAILURE with the PIN info, so the host sees the
 * retries left, as real devices do. */
static void
pin_set (SimMbim *self, const SimMbimRequest *req)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *new_pin = NULL;
  guint32 type, operation;
  MbimStatusError status = MBIM_STATUS_ERROR_NONE;

  if (!sim_mbim_read_u32 (&req->buffer, 0, &type) || !sim_mbim_read_u32 (&req->buffer, 4, &operation)
      || !sim_mbim_read_string (&req->buffer, 8, &pin)
      || !sim_mbim_read_string (&req->buffer, 16, &new_pin)) {
    sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_INVALID_PARAMETERS, NULL);
    return;
  }
  if (!run_pin_operation (self->model, type, operation, pin, new_pin, &error)) {
    status = sim_mbim_status_from_error (error);
    /* MBIM's own word for changing a PIN that is not in use. */
    if (operation == MBIM_PIN_OPERATION_CHANGE && !self->model->sim.pin_enabled
        && g_error_matches (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED))
      status = MBIM_STATUS_ERROR_PIN_DISABLED;
  }
  if (self->model->sim.lock == SIM_LOCK_ABSENT || self->model->sim.lock == SIM_LOCK_BLOCKED)
    sim_mbim_reply (self, req->tid, req->cid, status ? status : MBIM_STATUS_ERROR_BAD_SIM, NULL);
  else
    sim_mbim_reply (self, req->tid, req->cid, status, pin_info (self->model));
}

static void
pin_list_query (SimMbim *self, const SimMbimRequest *req)
{
  SimMbimBuilder *b;
  MbimStatusError status = sim_mbim_sim_status (self->model);

  if (self->model->sim.lock == SIM_LOCK_ABSENT || self->model->sim.lock == SIM_LOCK_BLOCKED) {
    sim_mbim_reply (self, req->tid, req->cid, status, NULL);
    return;
  }
  b = sim_mbim_builder_new ();
  /* PIN1 first; PIN2, device, network, ... PINs are not supported. */
  sim_mbim_builder_u32 (b, self->model->sim.pin_enabled ? MBIM_PIN_MODE_ENABLED : MBIM_PIN_MODE_DISABLED);
  sim_mbim_builder_u32 (b, MBIM_PIN_FORMAT_NUMERIC);
  sim_mbim_builder_u32 (b, PIN_MIN_LENGTH);
  sim_mbim_builder_u32 (b, PIN_MAX_LENGTH);
  for (guint i = 1; i < N_PIN_DESCS; i++) {
    for (guint field = 0; field < 4; field++)
      sim_mbim_builder_u32 (b, 0);
  }
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, sim_mbim_builder_end (b));
}

/* --- DEVICE_SERVICES and DEVICE_SERVICE_SUBSCRIBE_LIST ---------------------- */

/* An element of a service the simulator serves one CID of. */
static void
add_single_cid_service (SimMbimBuilder *b, const guint8 *uuid, guint32 cid)
{
  SimMbimBuilder *element = sim_mbim_builder_new ();
  g_autoptr (GByteArray) bytes = NULL;

  sim_mbim_builder_bytes (element, uuid, SIM_MBIM_UUID_SIZE);
  sim_mbim_builder_u32 (element, 0); /* DssPayload */
  sim_mbim_builder_u32 (element, 0); /* MaxDssInstances */
  sim_mbim_builder_u32 (element, 1);
  sim_mbim_builder_u32 (element, cid);
  bytes = sim_mbim_builder_end (element);
  sim_mbim_builder_ref (b, bytes->data, bytes->len);
}

static void
device_services_query (SimMbim *self, const SimMbimRequest *req)
{
  SimMbimBuilder *b = sim_mbim_builder_new ();
  SimMbimBuilder *element = sim_mbim_builder_new ();
  g_autoptr (GByteArray) basic = NULL;

  sim_mbim_builder_bytes (element, sim_mbim_basic_connect_uuid (), SIM_MBIM_UUID_SIZE);
  sim_mbim_builder_u32 (element, 0); /* DssPayload */
  sim_mbim_builder_u32 (element, 0); /* MaxDssInstances */
  sim_mbim_builder_u32 (element, G_N_ELEMENTS (handlers));
  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    sim_mbim_builder_u32 (element, handlers[i].cid);
  basic = sim_mbim_builder_end (element);
  sim_mbim_builder_u32 (b, self->qmi ? 4 : 3);
  sim_mbim_builder_u32 (b, 0); /* MaxDssSessions */
  sim_mbim_builder_ref (b, basic->data, basic->len);
  add_single_cid_service (b, sim_mbim_nitz_uuid (), MBIM_CID_MS_VOICE_EXTENSIONS_NITZ);
  add_single_cid_service (b, sim_mbim_ussd_uuid (), MBIM_CID_USSD);
  /* Qualcomm's QMI service: one CID carrying QMUX frames. */
  if (self->qmi)
    add_single_cid_service (b, (const guint8 *)MBIM_UUID_QMI, MBIM_CID_QMI_MSG);
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, sim_mbim_builder_end (b));
}

/* Reads the event entries (service, CIDs) into subs; FALSE when malformed. */
static gboolean
read_subscriptions (const SimMbimReader *buffer, GArray *subs)
{
  guint32 count;

  if (!sim_mbim_read_u32 (buffer, 0, &count) || count > buffer->len / 8)
    return FALSE;
  for (guint32 i = 0; i < count; i++) {
    SimMbimReader entry;
    SimMbimSubscription sub = { { 0 } };
    guint32 n_cids;

    if (!sim_mbim_read_ref (buffer, 4 + 8 * (gsize)i, &entry) || !sim_mbim_read_uuid (&entry, 0, sub.service)
        || !sim_mbim_read_u32 (&entry, SIM_MBIM_UUID_SIZE, &n_cids)
        || n_cids > (entry.len - SIM_MBIM_UUID_SIZE - 4) / 4)
      return FALSE;
    if (n_cids == 0)
      g_array_append_val (subs, sub);
    for (guint32 c = 0; c < n_cids; c++) {
      sim_mbim_read_u32 (&entry, SIM_MBIM_UUID_SIZE + 4 + 4 * (gsize)c, &sub.cid);
      if (sub.cid != 0)
        g_array_append_val (subs, sub);
    }
  }
  return TRUE;
}

/* The reply echoes the list, one entry per service. */
static GByteArray *
subscriptions_buffer (GArray *subs)
{
  SimMbimBuilder *b = sim_mbim_builder_new ();
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)g_byte_array_unref);
  guint i = 0;

  while (i < subs->len) {
    SimMbimSubscription *first = &g_array_index (subs, SimMbimSubscription, i);
    SimMbimBuilder *entry = sim_mbim_builder_new ();
    g_autoptr (GArray) cids = g_array_new (FALSE, FALSE, sizeof (guint32));

    for (; i < subs->len; i++) {
      SimMbimSubscription *sub = &g_array_index (subs, SimMbimSubscription, i);

      if (memcmp (sub->service, first->service, SIM_MBIM_UUID_SIZE) != 0)
        break;
      if (sub->cid != 0)
        g_array_append_val (cids, sub->cid);
    }
    sim_mbim_builder_bytes (entry, first->service, SIM_MBIM_UUID_SIZE);
    sim_mbim_builder_u32 (entry, cids->len);
    for (guint c = 0; c < cids->len; c++)
      sim_mbim_builder_u32 (entry, g_array_index (cids, guint32, c));
    g_ptr_array_add (entries, sim_mbim_builder_end (entry));
  }
  sim_mbim_builder_u32 (b, entries->len);
  for (guint e = 0; e < entries->len; e++) {
    GByteArray *entry = g_ptr_array_index (entries, e);

    sim_mbim_builder_ref (b, entry->data, entry->len);
  }
  return sim_mbim_builder_end (b);
}

static void
subscribe_list_set (SimMbim *self, const SimMbimRequest *req)
{
  g_autoptr (GArray) subs = g_array_new (FALSE, FALSE, sizeof (SimMbimSubscription));

  if (!read_subscriptions (&req->buffer, subs)) {
    sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_INVALID_PARAMETERS, NULL);
    return;
  }
  g_clear_pointer (&self->subscribed, g_array_unref);
  self->subscribed = g_array_ref (subs);
  sim_mbim_reply (self, req->tid, req->cid, MBIM_STATUS_ERROR_NONE, subscriptions_buffer (subs));
}
