/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz harness of what plugins/qmi reads from QMI replies beyond libqmi's
 * own TLV parsing: the first byte picks a reader, the rest is its input.
 * 0: EF_ICCID bytes, 1: EF_IMSI bytes, 2: a card status (slot count,
 * provisioning index, then per card and application the fields libqmi
 * hands over, taken byte by byte; the cards' presence as an indication
 * gives them), 3: MCC/MNC pairs and signal values,
 * 4: band masks and numbers, mapped to bands and back. */
#include <stdint.h>

#include "md-qmi-ops.h"
#include "md-qmi-uim-parse.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef QmiMessageUimGetCardStatusOutputCardStatusCardsElement Card;
typedef QmiMessageUimGetCardStatusOutputCardStatusCardsElementApplicationsElement App;
typedef QmiIndicationUimCardStatusOutputCardStatusCardsElement IndicatedCard;

typedef struct {
  const uint8_t *data;
  size_t size;
} Reader;

static guint8
take (Reader *r)
{
  guint8 value;

  if (r->size == 0)
    return 0;
  value = r->data[0];
  r->data++;
  r->size--;
  return value;
}

static void
card_status (Reader *r)
{
  GArray *cards = g_array_new (FALSE, TRUE, sizeof (Card));
  guint n_cards = take (r) % 4;
  guint16 index = (guint16)(take (r) << 8 | take (r));
  MdQmiCardStatus status;
  GArray *indicated;
  MdSimPresence presence;

  for (guint i = 0; i < n_cards; i++) {
    Card card = { 0 };
    guint n_apps = take (r) % 5;

    card.card_state = take (r);
    card.upin_state = take (r);
    card.upin_retries = take (r);
    card.upuk_retries = take (r);
    card.applications = g_array_new (FALSE, TRUE, sizeof (App));
    for (guint j = 0; j < n_apps; j++) {
      App app = { 0 };

      app.type = take (r);
      app.state = take (r);
      app.personalization_feature = take (r);
      app.upin_replaces_pin1 = take (r) & 1;
      app.pin1_state = take (r);
      app.pin1_retries = take (r);
      app.puk1_retries = take (r);
      g_array_append_val (card.applications, app);
    }
    g_array_append_val (cards, card);
  }
  md_qmi_card_status_read (cards, index, &status, NULL);
  /* The same cards as a Card Status indication carries them (libqmi gives
   * the application elements the same fields under both names). */
  indicated = g_array_new (FALSE, TRUE, sizeof (IndicatedCard));
  for (guint i = 0; i < cards->len; i++) {
    const Card *card = &g_array_index (cards, Card, i);
    IndicatedCard same = { card->card_state,   card->upin_state, card->upin_retries,
                           card->upuk_retries, card->error_code, card->applications };

    g_array_append_val (indicated, same);
  }
  presence = md_qmi_card_presence (indicated, index);
  g_assert_true (presence <= MD_SIM_PRESENCE_PRESENT);
  g_array_unref (indicated);
  for (guint i = 0; i < cards->len; i++)
    g_array_unref (g_array_index (cards, Card, i).applications);
  g_array_unref (cards);
}

static void
nas_values (Reader *r)
{
  while (r->size >= 5) {
    guint16 mcc = (guint16)(take (r) << 8 | take (r));
    guint16 mnc = (guint16)(take (r) << 8 | take (r));
    guint8 extra = take (r);
    g_autofree char *code = md_qmi_plmn_code (mcc, mnc, extra & 1);
    guint16 m1, m2;
    gboolean three;

    if (code)
      g_assert_true (md_qmi_plmn_parse (code, &m1, &m2, &three) && m1 == mcc && m2 == mnc);
    md_qmi_quality_from_rssi ((gint8)extra);
    md_qmi_quality_from_rsrp ((gint16)(mcc - 32768));
    md_qmi_radio_interface_to_access_technology ((QmiNasRadioInterface)extra);
    md_qmi_modes_from_rat_preference ((QmiNasRatModePreference)mnc);
  }
}

static guint64
take_u64 (Reader *r)
{
  guint64 value = 0;

  for (guint i = 0; i < 8; i++)
    value = value << 8 | take (r);
  return value;
}

static void
band_values (Reader *r)
{
  g_autoptr (GArray) bands = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint64 masks[4], back[4];

  md_qmi_bands_add_legacy (bands, take_u64 (r));
  for (guint i = 0; i < G_N_ELEMENTS (masks); i++)
    masks[i] = take_u64 (r);
  md_qmi_bands_add_lte_mask (bands, masks, G_N_ELEMENTS (masks));
  /* Mapping the LTE bands back never sets a bit the input did not have. */
  md_qmi_bands_to_lte_mask (bands, back);
  for (guint i = 0; i < G_N_ELEMENTS (masks); i++)
    g_assert_true ((back[i] & ~masks[i]) == 0);
  while (r->size >= 2) {
    guint number = (guint)(take (r) << 8 | take (r));
    guint32 band = (number & 1) ? md_qmi_band_from_nr (number >> 1) : md_qmi_band_from_lte (number >> 1);

    if (band != MD_MODEM_BAND_UNKNOWN)
      g_array_append_val (bands, band);
  }
  md_qmi_bands_to_legacy (bands);
  md_qmi_bands_to_lte_mask (bands, back);
}

/* An IPv6 address as libqmi hands it over: any number of 16-bit groups. */
static void
ipv6_groups (Reader *r)
{
  g_autoptr (GArray) groups = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autofree char *text = NULL;
  guint n = take (r) % 10;

  for (guint i = 0; i < n; i++) {
    guint16 group = (guint16)(take (r) << 8 | take (r));

    g_array_append_val (groups, group);
  }
  text = md_qmi_ipv6_to_string (groups);
  g_assert_true ((text != NULL) == (n == 8));
  if (text) {
    g_autoptr (GInetAddress) back = g_inet_address_new_from_string (text);

    g_assert_nonnull (back);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  Reader r = { data, size };
  g_autofree char *digits = NULL;

  if (size == 0)
    return 0;
  switch (take (&r) % 6) {
  case 0: digits = md_qmi_iccid_from_bytes (r.data, r.size, NULL); break;
  case 1: digits = md_qmi_imsi_from_bytes (r.data, r.size, NULL); break;
  case 2: card_status (&r); break;
  case 3: nas_values (&r); break;
  case 4: band_values (&r); break;
  case 5: ipv6_groups (&r); break;
  }
  if (digits)
    for (const char *p = digits; *p; p++)
      g_assert_true (g_ascii_isdigit (*p));
  return 0;
}
