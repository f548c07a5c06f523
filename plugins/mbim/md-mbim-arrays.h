/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Element counts in MBIM answers and indications, checked before libmbim
 * reads the arrays they size; see md-mbim-arrays.c. */
#pragma once

#include <libmbim-glib.h>

G_BEGIN_DECLS

/* Each fails with MD_CORE_ERROR_FAILED when a count in message (a
 * COMMAND_DONE or INDICATE_STATUS) cannot fit in its information buffer. */
gboolean md_mbim_check_ip_configuration (MbimMessage *message, GError **error);
gboolean md_mbim_check_visible_providers (MbimMessage *message, GError **error);
/* SMS Read answers and indications: the record count. */
gboolean md_mbim_check_sms_read (MbimMessage *message, GError **error);

/* The telephone numbers of a Subscriber Ready Status answer or indication,
 * empty ones left out. Fails with MD_CORE_ERROR_FAILED when the list runs
 * past the buffer or a number is not UTF-16. */
GStrv md_mbim_read_telephone_numbers (MbimMessage *message, GError **error);

G_END_DECLS
