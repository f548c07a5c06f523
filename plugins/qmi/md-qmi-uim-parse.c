/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Card status → lock and retries (a Card Status indication → whether a
 * card is there, by the same reading), and the BCD of EF_ICCID / EF_IMSI →
 * digits. Every value comes from the modem: indexes are checked against
 * the arrays, digits against their range, lengths against the buffer. */
#include "md-qmi-uim-parse.h"

#include "md-errors.h"

typedef QmiMessageUimGetCardStatusOutputCardStatusCardsElement Card;
typedef QmiMessageUimGetCardStatusOutputCardStatusCardsElementApplicationsElement App;

static gboolean
is_3gpp (const App *app)
{
  return app->type == QMI_UIM_CARD_APPLICATION_TYPE_SIM || app->type == QMI_UIM_CARD_APPLICATION_TYPE_USIM;
}

/* The application index_gw_primary names, if it exists. */
static gboolean
find_indexed (GArray *cards, guint16 index, const Card **card, const App **app)
{
  guint slot = index >> 8, number = index & 0xFF;
  const Card *c;

  if (index == 0xFFFF || slot >= cards->len)
    return FALSE;
  c = &g_array_index (cards, Card, slot);
  if (!c->applications || number >= c->applications->len)
    return FALSE;
  *card = c;
  *app = &g_array_index (c->applications, App, number);
  return TRUE;
}

static gboolean
find_first (GArray *cards, const Card **card, const App **app)
{
  for (guint i = 0; i < cards->len; i++) {
    const Card *c = &g_array_index (cards, Card, i);

    if (c->card_state != QMI_UIM_CARD_STATE_PRESENT || !c->applications)
      continue;
    for (guint j = 0; j < c->applications->len; j++) {
      if (is_3gpp (&g_array_index (c->applications, App, j))) {
        *card = c;
        *app = &g_array_index (c->applications, App, j);
        return TRUE;
      }
    }
  }
  return FALSE;
}

static MdModemLock
personalization_lock (QmiUimCardApplicationPersonalizationFeature feature)
{
  switch (feature) {
  case QMI_UIM_CARD_APPLICATION_PERSONALIZATION_FEATURE_GW_NETWORK: return MD_MODEM_LOCK_PH_NET_PIN;
  case QMI_UIM_CARD_APPLICATION_PERSONALIZATION_FEATURE_GW_NETWORK_SUBSET: return MD_MODEM_LOCK_PH_NETSUB_PIN;
  case QMI_UIM_CARD_APPLICATION_PERSONALIZATION_FEATURE_GW_SERVICE_PROVIDER: return MD_MODEM_LOCK_PH_SP_PIN;
  case QMI_UIM_CARD_APPLICATION_PERSONALIZATION_FEATURE_GW_CORPORATE: return MD_MODEM_LOCK_PH_CORP_PIN;
  case QMI_UIM_CARD_APPLICATION_PERSONALIZATION_FEATURE_GW_UIM: return MD_MODEM_LOCK_PH_SIM_PIN;
  case QMI_UIM_CARD_APPLICATION_PERSONALIZATION_FEATURE_1X_NETWORK_TYPE_1:
  case QMI_UIM_CARD_APPLICATION_PERSONALIZATION_FEATURE_1X_NETWORK_TYPE_2:
  case QMI_UIM_CARD_APPLICATION_PERSONALIZATION_FEATURE_1X_HRPD:
  case QMI_UIM_CARD_APPLICATION_PERSONALIZATION_FEATURE_1X_SERVICE_PROVIDER:
  case QMI_UIM_CARD_APPLICATION_PERSONALIZATION_FEATURE_1X_CORPORATE:
  case QMI_UIM_CARD_APPLICATION_PERSONALIZATION_FEATURE_1X_RUIM:
  case QMI_UIM_CARD_APPLICATION_PERSONALIZATION_FEATURE_UNKNOWN: return MD_MODEM_LOCK_UNKNOWN;
  }
  return MD_MODEM_LOCK_UNKNOWN;
}

static gboolean
pin_state_enabled (QmiUimPinState state)
{
  return state == QMI_UIM_PIN_STATE_ENABLED_NOT_VERIFIED || state == QMI_UIM_PIN_STATE_ENABLED_VERIFIED
         || state == QMI_UIM_PIN_STATE_BLOCKED || state == QMI_UIM_PIN_STATE_PERMANENTLY_BLOCKED;
}

typedef QmiIndicationUimCardStatusOutputCardStatusCardsElement IndicatedCard;
typedef QmiIndicationUimCardStatusOutputCardStatusCardsElementApplicationsElement IndicatedApp;

static void
card_clear (gpointer data)
{
  Card *card = data;

  g_clear_pointer (&card->applications, g_array_unref);
}

/* An indication's cards as Get Card Status gives them: libqmi generates the
 * same fields under two type names. Application identifiers are borrowed. */
static GArray *
cards_from_indication (GArray *indicated)
{
  GArray *cards = g_array_new (FALSE, TRUE, sizeof (Card));

  g_array_set_clear_func (cards, card_clear);
  for (guint i = 0; indicated && i < indicated->len; i++) {
    const IndicatedCard *in = &g_array_index (indicated, IndicatedCard, i);
    Card card = { in->card_state, in->upin_state, in->upin_retries, in->upuk_retries, in->error_code, NULL };

    card.applications = g_array_new (FALSE, TRUE, sizeof (App));
    for (guint j = 0; in->applications && j < in->applications->len; j++) {
      const IndicatedApp *a = &g_array_index (in->applications, IndicatedApp, j);
      App app = { a->type,
                  a->state,
                  a->personalization_state,
                  a->personalization_feature,
                  a->personalization_retries,
                  a->personalization_unblock_retries,
                  a->application_identifier_value,
                  a->upin_replaces_pin1,
                  a->pin1_state,
                  a->pin1_retries,
                  a->puk1_retries,
                  a->pin2_state,
                  a->pin2_retries,
                  a->puk2_retries };

      g_array_append_val (card.applications, app);
    }
    g_array_append_val (cards, card);
  }
  return cards;
}

MdSimPresence
md_qmi_card_presence (GArray *indicated, guint16 index_gw_primary)
{
  g_autoptr (GArray) cards = cards_from_indication (indicated);
  MdQmiCardStatus status;
  g_autoptr (GError) error = NULL;

  md_qmi_card_status_read (cards, index_gw_primary, &status, &error);
  return md_sim_presence_from_unlock_check (error);
}

gboolean
md_qmi_card_status_read (GArray *cards, guint16 index_gw_primary, MdQmiCardStatus *out, GError **error)
{
  const Card *card = NULL;
  const App *app = NULL;
  QmiUimPinState pin1_state;

  if (!cards || cards->len == 0) {
    g_set_error (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED, "No SIM slot");
    return FALSE;
  }
  if (!find_indexed (cards, index_gw_primary, &card, &app) && !find_first (cards, &card, &app)) {
    const Card *first = &g_array_index (cards, Card, 0);

    if (first->card_state == QMI_UIM_CARD_STATE_ABSENT)
      g_set_error (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED,
                   "No SIM inserted");
    else if (first->card_state == QMI_UIM_CARD_STATE_ERROR)
      g_set_error (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG,
                   "The SIM is unusable");
    else
      g_set_error (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_BUSY,
                   "The SIM has no 3GPP application ready");
    return FALSE;
  }
  if (card->card_state == QMI_UIM_CARD_STATE_ABSENT) {
    g_set_error (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED,
                 "No SIM inserted");
    return FALSE;
  }
  if (card->card_state != QMI_UIM_CARD_STATE_PRESENT) {
    g_set_error (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG,
                 "The SIM is unusable");
    return FALSE;
  }
  /* With UPIN replacing PIN1, the card's UPIN is the PIN that counts. */
  pin1_state = app->upin_replaces_pin1 ? card->upin_state : app->pin1_state;
  out->pin1_retries = app->upin_replaces_pin1 ? card->upin_retries : app->pin1_retries;
  out->puk1_retries = app->upin_replaces_pin1 ? card->upuk_retries : app->puk1_retries;
  out->pin2_retries = app->pin2_retries;
  out->puk2_retries = app->puk2_retries;
  out->pin_enabled = pin_state_enabled (pin1_state);
  switch ((QmiUimCardApplicationState)app->state) {
  case QMI_UIM_CARD_APPLICATION_STATE_READY: out->lock = MD_MODEM_LOCK_NONE; return TRUE;
  case QMI_UIM_CARD_APPLICATION_STATE_PIN1_OR_UPIN_PIN_REQUIRED:
    out->lock = MD_MODEM_LOCK_SIM_PIN;
    return TRUE;
  case QMI_UIM_CARD_APPLICATION_STATE_PUK1_OR_UPIN_PUK_REQUIRED:
    out->lock = MD_MODEM_LOCK_SIM_PUK;
    return TRUE;
  case QMI_UIM_CARD_APPLICATION_STATE_CHECK_PERSONALIZATION_STATE:
    out->lock = personalization_lock (app->personalization_feature);
    return TRUE;
  case QMI_UIM_CARD_APPLICATION_STATE_PIN1_BLOCKED:
    g_set_error (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG,
                 "The SIM's PIN is blocked for good");
    return FALSE;
  case QMI_UIM_CARD_APPLICATION_STATE_ILLEGAL:
    g_set_error (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG, "The SIM is illegal");
    return FALSE;
  case QMI_UIM_CARD_APPLICATION_STATE_UNKNOWN:
  case QMI_UIM_CARD_APPLICATION_STATE_DETECTED:
    g_set_error (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_BUSY,
                 "The SIM is not ready");
    return FALSE;
  }
  g_set_error (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_BUSY,
               "The SIM application is in state %u", (guint)app->state);
  return FALSE;
}

/* Appends the digits of swapped BCD bytes, stopping at the F filler. */
static gboolean
append_bcd (GString *digits, const guint8 *data, gsize len, gboolean skip_first_nibble)
{
  for (gsize i = 0; i < len; i++) {
    guint8 nibbles[2] = { data[i] & 0x0F, data[i] >> 4 };

    for (guint n = (i == 0 && skip_first_nibble) ? 1 : 0; n < 2; n++) {
      if (nibbles[n] == 0x0F)
        return TRUE;
      if (nibbles[n] > 9)
        return FALSE;
      g_string_append_c (digits, (char)('0' + nibbles[n]));
    }
  }
  return TRUE;
}

char *
md_qmi_iccid_from_bytes (const guint8 *data, gsize len, GError **error)
{
  g_autoptr (GString) digits = g_string_new (NULL);

  if (len == 0 || len > 10 || !append_bcd (digits, data, len, FALSE) || digits->len < 10) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Invalid EF_ICCID contents");
    return NULL;
  }
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

char *
md_qmi_imsi_from_bytes (const guint8 *data, gsize len, GError **error)
{
  g_autoptr (GString) digits = g_string_new (NULL);

  /* The length byte counts the bytes that follow: at most 8 (15 digits). */
  if (len < 2 || data[0] == 0 || data[0] > 8 || (gsize)data[0] + 1 > len
      || !append_bcd (digits, data + 1, data[0], TRUE) || digits->len < 6 || digits->len > 15) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Invalid EF_IMSI contents");
    return NULL;
  }
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

gboolean
md_qmi_dms_pin_status_read (QmiDmsUimPinStatus status, guint8 pin_retries, guint8 puk_retries,
                            MdQmiCardStatus *out, GError **error)
{
  *out = (MdQmiCardStatus){ .lock = MD_MODEM_LOCK_NONE,
                            .pin1_retries = pin_retries,
                            .puk1_retries = puk_retries,
                            .pin2_retries = G_MAXUINT,
                            .puk2_retries = G_MAXUINT };
  switch (status) {
  case QMI_DMS_UIM_PIN_STATUS_NOT_INITIALIZED:
  case QMI_DMS_UIM_PIN_STATUS_DISABLED: return TRUE;
  case QMI_DMS_UIM_PIN_STATUS_ENABLED_VERIFIED:
  case QMI_DMS_UIM_PIN_STATUS_UNBLOCKED:
  case QMI_DMS_UIM_PIN_STATUS_CHANGED: out->pin_enabled = TRUE; return TRUE;
  case QMI_DMS_UIM_PIN_STATUS_ENABLED_NOT_VERIFIED:
    out->pin_enabled = TRUE;
    out->lock = MD_MODEM_LOCK_SIM_PIN;
    return TRUE;
  case QMI_DMS_UIM_PIN_STATUS_BLOCKED:
    out->pin_enabled = TRUE;
    out->lock = MD_MODEM_LOCK_SIM_PUK;
    return TRUE;
  case QMI_DMS_UIM_PIN_STATUS_PERMANENTLY_BLOCKED:
    g_set_error (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG,
                 "The SIM's PIN is blocked for good");
    return FALSE;
  }
  g_set_error (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_BUSY, "The PIN is in state %u",
               (guint)status);
  return FALSE;
}
