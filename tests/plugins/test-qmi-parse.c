/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The QMI plugin's own readers of modem values, table-driven: card status
 * → lock, retries and PIN facility; EF_ICCID and EF_IMSI bytes → digits;
 * NAS MCC/MNC ↔ operator codes; RSSI/RSRP → quality; RAT preference ↔
 * modes; band bits and lists ↔ bands; WDS IPv4 addresses and masks. Hostile values (bad indexes, digits above
 * 9, lengths past the buffer) must fail cleanly. */
#include "md-errors.h"
#include "md-qmi-ops.h"
#include "md-qmi-uim-parse.h"

typedef QmiMessageUimGetCardStatusOutputCardStatusCardsElement Card;
typedef QmiMessageUimGetCardStatusOutputCardStatusCardsElementApplicationsElement App;

typedef struct {
  const char *name;
  QmiUimCardState card_state;
  QmiUimCardApplicationType app_type; /* UNKNOWN with n_apps 0: no application */
  guint n_apps;
  QmiUimCardApplicationState app_state;
  QmiUimPinState pin1_state;
  gboolean upin_replaces_pin1;
  guint16 index;
  gboolean ok;
  MdModemLock lock;
  guint pin1_retries;
  gboolean pin_enabled;
  gint error_code; /* MdMobileEquipmentError when !ok */
} CardCase;

static GArray *
build_cards (const CardCase *c)
{
  GArray *cards = g_array_new (FALSE, TRUE, sizeof (Card));
  Card card = { 0 };

  card.card_state = c->card_state;
  card.upin_state = QMI_UIM_PIN_STATE_ENABLED_NOT_VERIFIED;
  card.upin_retries = 7;
  card.upuk_retries = 9;
  card.applications = g_array_new (FALSE, TRUE, sizeof (App));
  for (guint i = 0; i < c->n_apps; i++) {
    App app = { 0 };

    app.type = c->app_type;
    app.state = c->app_state;
    app.pin1_state = c->pin1_state;
    app.upin_replaces_pin1 = c->upin_replaces_pin1;
    app.pin1_retries = 3;
    app.puk1_retries = 10;
    app.pin2_retries = 2;
    app.puk2_retries = 8;
    app.personalization_feature = QMI_UIM_CARD_APPLICATION_PERSONALIZATION_FEATURE_GW_NETWORK;
    g_array_append_val (card.applications, app);
  }
  g_array_append_val (cards, card);
  return cards;
}

static void
free_cards (GArray *cards)
{
  for (guint i = 0; i < cards->len; i++)
    g_array_unref (g_array_index (cards, Card, i).applications);
  g_array_unref (cards);
}

static void
test_card_status (void)
{
  static const CardCase cases[] = {
    { "ready, PIN off", QMI_UIM_CARD_STATE_PRESENT, QMI_UIM_CARD_APPLICATION_TYPE_USIM, 1,
      QMI_UIM_CARD_APPLICATION_STATE_READY, QMI_UIM_PIN_STATE_DISABLED, FALSE, 0x0000, TRUE,
      MD_MODEM_LOCK_NONE, 3, FALSE, 0 },
    { "ready, PIN on", QMI_UIM_CARD_STATE_PRESENT, QMI_UIM_CARD_APPLICATION_TYPE_USIM, 1,
      QMI_UIM_CARD_APPLICATION_STATE_READY, QMI_UIM_PIN_STATE_ENABLED_VERIFIED, FALSE, 0x0000, TRUE,
      MD_MODEM_LOCK_NONE, 3, TRUE, 0 },
    { "PIN wanted", QMI_UIM_CARD_STATE_PRESENT, QMI_UIM_CARD_APPLICATION_TYPE_USIM, 1,
      QMI_UIM_CARD_APPLICATION_STATE_PIN1_OR_UPIN_PIN_REQUIRED, QMI_UIM_PIN_STATE_ENABLED_NOT_VERIFIED, FALSE,
      0x0000, TRUE, MD_MODEM_LOCK_SIM_PIN, 3, TRUE, 0 },
    { "PUK wanted", QMI_UIM_CARD_STATE_PRESENT, QMI_UIM_CARD_APPLICATION_TYPE_SIM, 1,
      QMI_UIM_CARD_APPLICATION_STATE_PUK1_OR_UPIN_PUK_REQUIRED, QMI_UIM_PIN_STATE_BLOCKED, FALSE, 0x0000,
      TRUE, MD_MODEM_LOCK_SIM_PUK, 3, TRUE, 0 },
    { "UPIN counts", QMI_UIM_CARD_STATE_PRESENT, QMI_UIM_CARD_APPLICATION_TYPE_USIM, 1,
      QMI_UIM_CARD_APPLICATION_STATE_PIN1_OR_UPIN_PIN_REQUIRED, QMI_UIM_PIN_STATE_DISABLED, TRUE, 0x0000,
      TRUE, MD_MODEM_LOCK_SIM_PIN, 7, TRUE, 0 },
    { "network lock", QMI_UIM_CARD_STATE_PRESENT, QMI_UIM_CARD_APPLICATION_TYPE_USIM, 1,
      QMI_UIM_CARD_APPLICATION_STATE_CHECK_PERSONALIZATION_STATE, QMI_UIM_PIN_STATE_DISABLED, FALSE, 0x0000,
      TRUE, MD_MODEM_LOCK_PH_NET_PIN, 3, FALSE, 0 },
    { "no index: first USIM", QMI_UIM_CARD_STATE_PRESENT, QMI_UIM_CARD_APPLICATION_TYPE_USIM, 1,
      QMI_UIM_CARD_APPLICATION_STATE_READY, QMI_UIM_PIN_STATE_DISABLED, FALSE, 0xFFFF, TRUE,
      MD_MODEM_LOCK_NONE, 3, FALSE, 0 },
    { "index past the slots", QMI_UIM_CARD_STATE_PRESENT, QMI_UIM_CARD_APPLICATION_TYPE_USIM, 1,
      QMI_UIM_CARD_APPLICATION_STATE_READY, QMI_UIM_PIN_STATE_DISABLED, FALSE, 0x0500, TRUE,
      MD_MODEM_LOCK_NONE, 3, FALSE, 0 },
    { "index past the apps", QMI_UIM_CARD_STATE_PRESENT, QMI_UIM_CARD_APPLICATION_TYPE_USIM, 1,
      QMI_UIM_CARD_APPLICATION_STATE_READY, QMI_UIM_PIN_STATE_DISABLED, FALSE, 0x00FE, TRUE,
      MD_MODEM_LOCK_NONE, 3, FALSE, 0 },
    { "absent", QMI_UIM_CARD_STATE_ABSENT, QMI_UIM_CARD_APPLICATION_TYPE_UNKNOWN, 0, 0, 0, FALSE, 0xFFFF,
      FALSE, 0, 0, FALSE, MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED },
    { "card error", QMI_UIM_CARD_STATE_ERROR, QMI_UIM_CARD_APPLICATION_TYPE_UNKNOWN, 0, 0, 0, FALSE, 0xFFFF,
      FALSE, 0, 0, FALSE, MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG },
    { "only an ISIM", QMI_UIM_CARD_STATE_PRESENT, QMI_UIM_CARD_APPLICATION_TYPE_ISIM, 1,
      QMI_UIM_CARD_APPLICATION_STATE_READY, 0, FALSE, 0xFFFF, FALSE, 0, 0, FALSE,
      MD_MOBILE_EQUIPMENT_ERROR_SIM_BUSY },
    { "still detecting", QMI_UIM_CARD_STATE_PRESENT, QMI_UIM_CARD_APPLICATION_TYPE_USIM, 1,
      QMI_UIM_CARD_APPLICATION_STATE_DETECTED, 0, FALSE, 0x0000, FALSE, 0, 0, FALSE,
      MD_MOBILE_EQUIPMENT_ERROR_SIM_BUSY },
    { "blocked for good", QMI_UIM_CARD_STATE_PRESENT, QMI_UIM_CARD_APPLICATION_TYPE_USIM, 1,
      QMI_UIM_CARD_APPLICATION_STATE_PIN1_BLOCKED, QMI_UIM_PIN_STATE_PERMANENTLY_BLOCKED, FALSE, 0x0000,
      FALSE, 0, 0, FALSE, MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG },
    { "unknown state", QMI_UIM_CARD_STATE_PRESENT, QMI_UIM_CARD_APPLICATION_TYPE_USIM, 1, 99, 0, FALSE,
      0x0000, FALSE, 0, 0, FALSE, MD_MOBILE_EQUIPMENT_ERROR_SIM_BUSY },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    GArray *cards = build_cards (&cases[i]);
    MdQmiCardStatus status = { 0 };
    g_autoptr (GError) error = NULL;
    gboolean ok = md_qmi_card_status_read (cards, cases[i].index, &status, &error);

    g_test_message ("case %s", cases[i].name);
    g_assert_cmpint (ok, ==, cases[i].ok);
    if (ok) {
      g_assert_no_error (error);
      g_assert_cmpint (status.lock, ==, cases[i].lock);
      g_assert_cmpuint (status.pin1_retries, ==, cases[i].pin1_retries);
      g_assert_cmpint (status.pin_enabled, ==, cases[i].pin_enabled);
    } else {
      g_assert_error (error, MD_MOBILE_EQUIPMENT_ERROR, cases[i].error_code);
    }
    free_cards (cards);
  }
}

static void
test_card_status_empty (void)
{
  g_autoptr (GArray) cards = g_array_new (FALSE, TRUE, sizeof (Card));
  MdQmiCardStatus status = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_false (md_qmi_card_status_read (cards, 0, &status, &error));
  g_assert_error (error, MD_MOBILE_EQUIPMENT_ERROR, MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED);
  g_clear_error (&error);
  g_assert_false (md_qmi_card_status_read (NULL, 0, &status, &error));
}

/* A Card Status indication's card, read as Get Card Status is: the indexed
 * slot's application, else the first present card's; absent, present,
 * failing, still detecting, and no card at all. */
typedef QmiIndicationUimCardStatusOutputCardStatusCardsElement IndCard;
typedef QmiIndicationUimCardStatusOutputCardStatusCardsElementApplicationsElement IndApp;

static IndCard
indicated_card (guint state, guint app_state)
{
  IndCard card = { .card_state = state };
  IndApp app = { .type = QMI_UIM_CARD_APPLICATION_TYPE_USIM, .state = app_state };

  card.applications = g_array_new (FALSE, TRUE, sizeof (IndApp));
  if (state == QMI_UIM_CARD_STATE_PRESENT)
    g_array_append_val (card.applications, app);
  return card;
}

static void
test_card_presence (void)
{
  static const struct {
    const char *name;
    guint first;
    guint second;
    guint app_state;
    guint16 index;
    MdSimPresence presence;
  } cases[] = {
    { "present", QMI_UIM_CARD_STATE_PRESENT, QMI_UIM_CARD_STATE_ABSENT, QMI_UIM_CARD_APPLICATION_STATE_READY,
      0x0000, MD_SIM_PRESENCE_PRESENT },
    { "PIN wanted", QMI_UIM_CARD_STATE_PRESENT, QMI_UIM_CARD_STATE_ABSENT,
      QMI_UIM_CARD_APPLICATION_STATE_PIN1_OR_UPIN_PIN_REQUIRED, 0x0000, MD_SIM_PRESENCE_PRESENT },
    { "absent", QMI_UIM_CARD_STATE_ABSENT, QMI_UIM_CARD_STATE_ABSENT, 0, 0xFFFF, MD_SIM_PRESENCE_ABSENT },
    { "card error", QMI_UIM_CARD_STATE_ERROR, QMI_UIM_CARD_STATE_ABSENT, 0, 0xFFFF, MD_SIM_PRESENCE_PRESENT },
    { "second slot named", QMI_UIM_CARD_STATE_ABSENT, QMI_UIM_CARD_STATE_PRESENT,
      QMI_UIM_CARD_APPLICATION_STATE_READY, 0x0100, MD_SIM_PRESENCE_PRESENT },
    { "no index: the present card", QMI_UIM_CARD_STATE_ABSENT, QMI_UIM_CARD_STATE_PRESENT,
      QMI_UIM_CARD_APPLICATION_STATE_READY, 0xFFFF, MD_SIM_PRESENCE_PRESENT },
    { "still detecting", QMI_UIM_CARD_STATE_PRESENT, QMI_UIM_CARD_STATE_ABSENT,
      QMI_UIM_CARD_APPLICATION_STATE_DETECTED, 0x0000, MD_SIM_PRESENCE_UNKNOWN },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    GArray *cards = g_array_new (FALSE, TRUE, sizeof (IndCard));
    IndCard first = indicated_card (cases[i].first, cases[i].app_state);
    IndCard second = indicated_card (cases[i].second, cases[i].app_state);

    g_test_message ("case %s", cases[i].name);
    g_array_append_val (cards, first);
    g_array_append_val (cards, second);
    g_assert_cmpint (md_qmi_card_presence (cards, cases[i].index), ==, cases[i].presence);
    g_array_unref (first.applications);
    g_array_unref (second.applications);
    g_array_unref (cards);
  }
  g_assert_cmpint (md_qmi_card_presence (NULL, 0), ==, MD_SIM_PRESENCE_ABSENT);
}

/* DMS UIM Get PIN Status of firmware without UIM: every state, and a
 * value no firmware sends. */
static void
test_dms_pin_status (void)
{
  static const struct {
    guint status;
    gboolean ok;
    MdModemLock lock;
    gboolean enabled;
  } cases[] = {
    { QMI_DMS_UIM_PIN_STATUS_NOT_INITIALIZED, TRUE, MD_MODEM_LOCK_NONE, FALSE },
    { QMI_DMS_UIM_PIN_STATUS_ENABLED_NOT_VERIFIED, TRUE, MD_MODEM_LOCK_SIM_PIN, TRUE },
    { QMI_DMS_UIM_PIN_STATUS_ENABLED_VERIFIED, TRUE, MD_MODEM_LOCK_NONE, TRUE },
    { QMI_DMS_UIM_PIN_STATUS_DISABLED, TRUE, MD_MODEM_LOCK_NONE, FALSE },
    { QMI_DMS_UIM_PIN_STATUS_BLOCKED, TRUE, MD_MODEM_LOCK_SIM_PUK, TRUE },
    { QMI_DMS_UIM_PIN_STATUS_PERMANENTLY_BLOCKED, FALSE, 0, FALSE },
    { QMI_DMS_UIM_PIN_STATUS_UNBLOCKED, TRUE, MD_MODEM_LOCK_NONE, TRUE },
    { QMI_DMS_UIM_PIN_STATUS_CHANGED, TRUE, MD_MODEM_LOCK_NONE, TRUE },
    { 42, FALSE, 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    MdQmiCardStatus status = { 0 };
    g_autoptr (GError) error = NULL;
    gboolean ok = md_qmi_dms_pin_status_read (cases[i].status, 2, 9, &status, &error);

    g_assert_cmpint (ok, ==, cases[i].ok);
    if (!ok) {
      g_assert_nonnull (error);
      continue;
    }
    g_assert_no_error (error);
    g_assert_cmpint (status.lock, ==, cases[i].lock);
    g_assert_cmpint (status.pin_enabled, ==, cases[i].enabled);
    g_assert_cmpuint (status.pin1_retries, ==, 2);
    g_assert_cmpuint (status.puk1_retries, ==, 9);
    g_assert_cmpuint (status.pin2_retries, ==, G_MAXUINT);
  }
}

static void
test_iccid (void)
{
  static const struct {
    guint8 bytes[12];
    gsize len;
    const char *digits; /* NULL: refused */
  } cases[] = {
    /* 89 49 22 00 00 12 34 56 78 9F as stored, nibbles swapped. */
    { { 0x98, 0x94, 0x22, 0x00, 0x00, 0x21, 0x43, 0x65, 0x87, 0xF9 }, 10, "8949220000123456789" },
    { { 0x98, 0x94, 0x22, 0x00, 0x00, 0x21, 0x43, 0x65, 0x87, 0x09 }, 10, "89492200001234567890" },
    { { 0x98, 0x94, 0x22, 0x00, 0x00, 0x21, 0x43, 0x65, 0x87, 0xA9 }, 10, NULL }, /* a nibble above 9 */
    { { 0x98, 0x94, 0xFF }, 3, NULL },                                            /* too few digits */
    { { 0 }, 0, NULL },
    { { 0x98, 0x94, 0x22, 0x00, 0x00, 0x21, 0x43, 0x65, 0x87, 0x09, 0x11 }, 11, NULL }, /* too long */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autofree char *digits = md_qmi_iccid_from_bytes (cases[i].bytes, cases[i].len, &error);

    g_assert_cmpstr (digits, ==, cases[i].digits);
    if (!cases[i].digits)
      g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  }
}

static void
test_imsi (void)
{
  static const struct {
    guint8 bytes[12];
    gsize len;
    const char *digits;
  } cases[] = {
    /* Length 8, parity nibble 9, then 262 01 1234567890. */
    { { 0x08, 0x29, 0x26, 0x10, 0x21, 0x43, 0x65, 0x87, 0x09 }, 9, "262011234567890" },
    /* Fourteen digits end in the F filler. */
    { { 0x08, 0x29, 0x26, 0x10, 0x21, 0x43, 0x65, 0x87, 0xF9 }, 9, "26201123456789" },
    { { 0x09, 0x29, 0x26, 0x10, 0x21, 0x43, 0x65, 0x87, 0x09, 0x00 }, 10, NULL }, /* length above 8 */
    { { 0x08, 0x29, 0x26, 0x10 }, 4, NULL },                                      /* length past the buffer */
    { { 0x00 }, 1, NULL },
    { { 0x08, 0x29, 0x2B, 0x10, 0x21, 0x43, 0x65, 0x87, 0x09 }, 9, NULL }, /* a nibble above 9 */
    { { 0x02, 0x29, 0x26 }, 3, NULL },                                     /* too few digits */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autofree char *digits = md_qmi_imsi_from_bytes (cases[i].bytes, cases[i].len, &error);

    g_assert_cmpstr (digits, ==, cases[i].digits);
  }
}

static void
test_plmn (void)
{
  guint16 mcc = 0, mnc = 0;
  gboolean three = FALSE;
  g_autofree char *two_digit = md_qmi_plmn_code (262, 1, FALSE);
  g_autofree char *pcs = md_qmi_plmn_code (310, 41, TRUE);
  g_autofree char *wide = md_qmi_plmn_code (310, 410, FALSE);

  g_assert_cmpstr (two_digit, ==, "26201");
  g_assert_cmpstr (pcs, ==, "310041");
  g_assert_cmpstr (wide, ==, "310410");
  g_assert_null (md_qmi_plmn_code (0, 1, FALSE));
  g_assert_null (md_qmi_plmn_code (1000, 1, FALSE));
  g_assert_null (md_qmi_plmn_code (262, 1000, FALSE));
  g_assert_true (md_qmi_plmn_parse ("26202", &mcc, &mnc, &three));
  g_assert_cmpuint (mcc, ==, 262);
  g_assert_cmpuint (mnc, ==, 2);
  g_assert_false (three);
  g_assert_true (md_qmi_plmn_parse ("310410", &mcc, &mnc, &three));
  g_assert_cmpuint (mnc, ==, 410);
  g_assert_true (three);
  g_assert_false (md_qmi_plmn_parse ("2620", &mcc, &mnc, &three));
  g_assert_false (md_qmi_plmn_parse ("2620a", &mcc, &mnc, &three));
  g_assert_false (md_qmi_plmn_parse ("2620123", &mcc, &mnc, &three));
}

static void
test_quality (void)
{
  g_assert_cmpint (md_qmi_quality_from_rssi (-113), ==, 0);
  g_assert_cmpint (md_qmi_quality_from_rssi (-51), ==, 100);
  g_assert_cmpint (md_qmi_quality_from_rssi (-40), ==, 100);
  g_assert_cmpint (md_qmi_quality_from_rssi (-120), ==, 0);
  g_assert_cmpint (md_qmi_quality_from_rssi (-82), ==, 50);
  g_assert_cmpint (md_qmi_quality_from_rssi (0), ==, -1);
  g_assert_cmpint (md_qmi_quality_from_rssi (-128), ==, -1);
  g_assert_cmpint (md_qmi_quality_from_rsrp (-140), ==, 0);
  g_assert_cmpint (md_qmi_quality_from_rsrp (-44), ==, 100);
  g_assert_cmpint (md_qmi_quality_from_rsrp (-92), ==, 50);
  g_assert_cmpint (md_qmi_quality_from_rsrp (5), ==, -1);
}

static void
test_modes (void)
{
  g_assert_cmpuint (md_qmi_modes_from_rat_preference (QMI_NAS_RAT_MODE_PREFERENCE_GSM
                                                      | QMI_NAS_RAT_MODE_PREFERENCE_UMTS
                                                      | QMI_NAS_RAT_MODE_PREFERENCE_LTE),
                    ==, MD_MODEM_MODE_2G | MD_MODEM_MODE_3G | MD_MODEM_MODE_4G);
  g_assert_cmpuint (md_qmi_modes_from_rat_preference (QMI_NAS_RAT_MODE_PREFERENCE_5GNR), ==,
                    MD_MODEM_MODE_5G);
  g_assert_cmpuint (md_qmi_modes_from_rat_preference (1u << 12), ==, 0);
  g_assert_cmpuint (md_qmi_rat_preference_from_modes (MD_MODEM_MODE_4G), ==, QMI_NAS_RAT_MODE_PREFERENCE_LTE);
  g_assert_cmpuint (md_qmi_rat_preference_from_modes (MD_MODEM_MODE_2G | MD_MODEM_MODE_3G), ==,
                    QMI_NAS_RAT_MODE_PREFERENCE_GSM | QMI_NAS_RAT_MODE_PREFERENCE_UMTS);
  g_assert_cmpuint (md_qmi_rat_preference_from_modes (MD_MODEM_MODE_CS), ==, 0);
  g_assert_cmpuint (md_qmi_radio_interface_to_access_technology (QMI_NAS_RADIO_INTERFACE_LTE), ==,
                    MD_MODEM_ACCESS_TECHNOLOGY_LTE);
  g_assert_cmpuint (md_qmi_radio_interface_to_access_technology ((QmiNasRadioInterface)77), ==, 0);
}

static void
test_bands (void)
{
  g_autoptr (GArray) bands = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint64 lte[2] = { (1ull << 0) | (1ull << 2) | (1ull << 19), 1ull << (66 - 65) };
  guint64 back[4];

  g_assert_cmpuint (md_qmi_band_from_lte (1), ==, MD_MODEM_BAND_EUTRAN_1);
  g_assert_cmpuint (md_qmi_band_from_lte (85), ==, MD_MODEM_BAND_EUTRAN_85);
  g_assert_cmpuint (md_qmi_band_from_lte (0), ==, MD_MODEM_BAND_UNKNOWN);
  g_assert_cmpuint (md_qmi_band_from_lte (86), ==, MD_MODEM_BAND_UNKNOWN);
  g_assert_cmpuint (md_qmi_band_from_nr (78), ==, MD_MODEM_BAND_NGRAN_78);
  g_assert_cmpuint (md_qmi_band_from_nr (262), ==, MD_MODEM_BAND_UNKNOWN);
  /* GSM 1800, both GSM 900 bits (one EGSM), WCDMA 2100 and 900. */
  md_qmi_bands_add_legacy (bands, (1ull << 7) | (1ull << 8) | (1ull << 9) | (1ull << 22) | (1ull << 49)
                                    | (1ull << 0) /* a CDMA class: no 3GPP band */);
  g_assert_cmpuint (bands->len, ==, 4);
  g_assert_cmpuint (g_array_index (bands, guint32, 0), ==, MD_MODEM_BAND_DCS);
  g_assert_cmpuint (g_array_index (bands, guint32, 1), ==, MD_MODEM_BAND_EGSM);
  g_assert_cmpuint (g_array_index (bands, guint32, 2), ==, MD_MODEM_BAND_UTRAN_1);
  g_assert_cmpuint (g_array_index (bands, guint32, 3), ==, MD_MODEM_BAND_UTRAN_8);
  /* LTE 1, 3, 20 in the first word, 66 in the second. */
  md_qmi_bands_add_lte_mask (bands, lte, G_N_ELEMENTS (lte));
  g_assert_cmpuint (bands->len, ==, 8);
  g_assert_cmpuint (g_array_index (bands, guint32, 7), ==, MD_MODEM_BAND_EUTRAN_66);
  /* And back: EGSM is both 900 bits. */
  g_assert_cmphex (md_qmi_bands_to_legacy (bands), ==,
                   (1ull << 7) | (1ull << 8) | (1ull << 9) | (1ull << 22) | (1ull << 49));
  md_qmi_bands_to_lte_mask (bands, back);
  g_assert_cmphex (back[0], ==, lte[0]);
  g_assert_cmphex (back[1], ==, lte[1]);
  g_assert_cmphex (back[2] | back[3], ==, 0);
}

static void
test_ipv4 (void)
{
  g_autofree char *address = md_qmi_ipv4_to_string (0x0A400001);
  g_autofree char *zero = md_qmi_ipv4_to_string (0);

  g_assert_cmpstr (address, ==, "10.64.0.1");
  g_assert_cmpstr (zero, ==, "0.0.0.0");
  g_assert_cmpuint (md_qmi_ipv4_prefix (0xFFFFFF00), ==, 24);
  g_assert_cmpuint (md_qmi_ipv4_prefix (0xFFFFFFFF), ==, 32);
  g_assert_cmpuint (md_qmi_ipv4_prefix (0), ==, 0);
  g_assert_cmpuint (md_qmi_ipv4_prefix (0xFF00FF00), ==, 8); /* holes: up to the first zero */
}

/* libqmi gives IPv6 addresses as eight 16-bit groups with host values. */
static void
test_ipv6 (void)
{
  static const guint16 groups[] = { 0x2001, 0x0db8, 0, 1, 0, 0, 0, 2 };
  g_autoptr (GArray) address = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autoptr (GArray) short_one = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autoptr (GArray) bytes = g_array_new (FALSE, FALSE, 1);
  g_autofree char *text = NULL;

  g_array_append_vals (address, groups, G_N_ELEMENTS (groups));
  text = md_qmi_ipv6_to_string (address);
  g_assert_cmpstr (text, ==, "2001:db8:0:1::2");
  g_array_append_vals (short_one, groups, 7);
  g_assert_null (md_qmi_ipv6_to_string (short_one));
  g_array_set_size (bytes, 16);
  g_assert_null (md_qmi_ipv6_to_string (bytes));
  g_assert_null (md_qmi_ipv6_to_string (NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qmi-parse/card-status", test_card_status);
  g_test_add_func ("/qmi-parse/ipv6", test_ipv6);
  g_test_add_func ("/qmi-parse/card-status-empty", test_card_status_empty);
  g_test_add_func ("/qmi-parse/card-presence", test_card_presence);
  g_test_add_func ("/qmi-parse/dms-pin-status", test_dms_pin_status);
  g_test_add_func ("/qmi-parse/iccid", test_iccid);
  g_test_add_func ("/qmi-parse/imsi", test_imsi);
  g_test_add_func ("/qmi-parse/plmn", test_plmn);
  g_test_add_func ("/qmi-parse/quality", test_quality);
  g_test_add_func ("/qmi-parse/modes", test_modes);
  g_test_add_func ("/qmi-parse/bands", test_bands);
  g_test_add_func ("/qmi-parse/ipv4", test_ipv4);
  return g_test_run ();
}
