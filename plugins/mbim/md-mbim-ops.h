/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ops tables implemented with MBIM Basic Connect, and the pieces the
 * files of this plugin share. A vendor plugin copies a table and overrides
 * single entries. */
#pragma once

#include "md-mbim-modem.h"
#include "md-qmi-port.h"

G_BEGIN_DECLS

/* The tables themselves are declared in md-driver-api.h. */

/* Completes task from a successful response (the op's value); the parse
 * function owns returning through task. */
typedef void (*MdMbimParseFn) (MdModem *modem, MbimMessage *response, GTask *task);

/* Sends request (consumed; NULL with build_error set when building
 * failed) and hands the response to parse, or fails task. It keeps its own
 * state on the task under a private key: the task data stays free for the
 * op (parse may read it). */
void md_mbim_op (MdModem *modem, GTask *task, MbimMessage *request, GError *build_error, guint timeout_s,
                 MdMbimParseFn parse);

/* Routes an INDICATE_STATUS to the code that follows it. */
void md_mbim_dispatch_indication (MdModem *modem, MbimMessage *message);
/* The bearer table's load_traffic (md-mbim-stats-ops.c). */
void md_mbim_load_traffic (MdModem *modem, GTask *task);
/* Followers of indications, in the files of their concern. */
void md_mbim_netreg_indication (MdModem *modem, MbimMessage *message, MbimCidBasicConnect cid);
void md_mbim_sim_indication (MdModem *modem, MbimMessage *message);
void md_mbim_bearer_indication (MdModem *modem, MbimMessage *message);
void md_mbim_sms_indication (MdModem *modem, MbimMessage *message);
void md_mbim_nitz_indication (MdModem *modem, MbimMessage *message);
void md_mbim_ussd_indication (MdModem *modem, MbimMessage *message);

/* QMI over MBIM (md-mbim-qmi.c): at setup, opens and holds the QMI port
 * when the device lists the QMI service (returns TRUE either way). */
void md_mbim_qmi_setup (MdModem *modem, GTask *task);
/* The modem's open QMI-over-MBIM port, or NULL: the ops that Basic Connect
 * lacks run the QMI driver's op when there is one. */
MdQmiPort *md_mbim_qmi_port (MdModem *modem);
/* The QMI driver's current modes, limited to the supported ones. */
void md_mbim_qmi_load_current_modes (MdModem *modem, GTask *task);

/* Removes every link the modem created (modem removal). */
void md_mbim_delete_created_links (MdMbimModemData *mbim);

/* MbimDataClass bits → MdModemAccessTechnology / MdModemMode bits. */
guint32 md_mbim_data_class_to_access_technologies (guint32 data_class);
guint32 md_mbim_data_class_to_modes (guint32 data_class);

G_END_DECLS
