/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the QMI plugin reads from UIM replies beyond libqmi's own parsing:
 * the lock, retries and PIN facility of the card status, whether a card is
 * there (Card Status indications), and the ICCID and
 * IMSI in the bytes of EF_ICCID and EF_IMSI. Pure functions over values
 * the modem sent; tests/plugins and tests/fuzz drive them. */
#pragma once

#include <libqmi-glib.h>

#include "md-modem-ops.h"
#include "md-modem-sim-presence.h"

G_BEGIN_DECLS

typedef struct {
  MdModemLock lock;   /* what the SIM wants now */
  guint pin1_retries; /* G_MAXUINT: unknown */
  guint puk1_retries;
  guint pin2_retries;
  guint puk2_retries;
  gboolean pin_enabled; /* the PIN1 (or UPIN) lock is on */
} MdQmiCardStatus;

/* The provisioning application of cards (QmiMessageUimGetCardStatusOutput
 * CardStatusCardsElement) that index_gw_primary names (slot in the high
 * byte, application in the low; 0xFFFF: none, then the first SIM or USIM
 * application of the first present card). Fails with
 * MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED (no card), _SIM_WRONG (card
 * error, no 3GPP application, PIN blocked for good) or _SIM_BUSY (the
 * application is still being detected). */
gboolean md_qmi_card_status_read (GArray *cards, guint16 index_gw_primary, MdQmiCardStatus *out,
                                  GError **error);

/* Whether a card is there, from a Card Status indication's cards
 * (QmiIndicationUimCardStatusOutputCardStatusCardsElement): read as
 * md_qmi_card_status_read reads Get Card Status, and judged as the unlock
 * check is (md_sim_presence_from_unlock_check), so a report and
 * initialization's record agree on the same card. */
MdSimPresence md_qmi_card_presence (GArray *indicated, guint16 index_gw_primary);

/* DMS UIM Get PIN Status's PIN1 state and retries (firmware without UIM)
 * → lock, retries and PIN facility (PIN2 retries left G_MAXUINT). Fails
 * with MD_MOBILE_EQUIPMENT_ERROR_SIM_WRONG when the PIN is blocked for
 * good. */
gboolean md_qmi_dms_pin_status_read (QmiDmsUimPinStatus status, guint8 pin_retries, guint8 puk_retries,
                                     MdQmiCardStatus *out, GError **error);

/* EF_ICCID (10 bytes, BCD with swapped nibbles, F padding) → digits. */
char *md_qmi_iccid_from_bytes (const guint8 *data, gsize len, GError **error);
/* EF_IMSI (a length byte, then BCD with swapped nibbles whose first
 * nibble is the parity) → digits. */
char *md_qmi_imsi_from_bytes (const guint8 *data, gsize len, GError **error);

G_END_DECLS
