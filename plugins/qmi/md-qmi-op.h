/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MD_QMI_REQUEST: one MdQmiRequest per libqmi message, with small typed
 * thunks around libqmi's generated calls so that no function pointer is
 * cast. Included by the ops files of this plugin only. */
#pragma once

#include "md-qmi-modem.h"

/* MD_QMI_REQUEST (name, SERVICE, CLIENT_CAST, prefix, what) defines
 * `static const MdQmiRequest name` for the message whose libqmi calls are
 * qmi_client_<prefix>, _finish, and whose output functions are
 * qmi_message_<prefix>_output_get_result and _unref. */
#define MD_QMI_REQUEST(name, SERVICE, CLIENT_CAST, prefix, what_text)                                        \
  MD_QMI_REQUEST_THUNKS (name, CLIENT_CAST, prefix)                                                          \
  static const MdQmiRequest name = {                                                                         \
    SERVICE, what_text, name##_call, name##_finish, name##_result, name##_unref, NULL,                       \
  }

/* The same for a message with input (qmi_message_<prefix>_input_unref). */
#define MD_QMI_REQUEST_IN(name, SERVICE, CLIENT_CAST, prefix, what_text)                                     \
  MD_QMI_REQUEST_THUNKS (name, CLIENT_CAST, prefix)                                                          \
  static void name##_input_unref (gpointer input)                                                            \
  {                                                                                                          \
    qmi_message_##prefix##_input_unref (input);                                                              \
  }                                                                                                          \
  static const MdQmiRequest name = {                                                                         \
    SERVICE, what_text, name##_call, name##_finish, name##_result, name##_unref, name##_input_unref,         \
  }

#define MD_QMI_REQUEST_THUNKS(name, CLIENT_CAST, prefix)                                                     \
  static void name##_call (QmiClient *client, gpointer input, guint timeout_s, GCancellable *cancellable,    \
                           GAsyncReadyCallback callback, gpointer user_data)                                 \
  {                                                                                                          \
    qmi_client_##prefix (CLIENT_CAST (client), input, timeout_s, cancellable, callback, user_data);          \
  }                                                                                                          \
  static gpointer name##_finish (QmiClient *client, GAsyncResult *result, GError **error)                    \
  {                                                                                                          \
    return qmi_client_##prefix##_finish (CLIENT_CAST (client), result, error);                               \
  }                                                                                                          \
  static gboolean name##_result (gpointer output, GError **error)                                            \
  {                                                                                                          \
    return qmi_message_##prefix##_output_get_result (output, error);                                         \
  }                                                                                                          \
  static void name##_unref (gpointer output)                                                                 \
  {                                                                                                          \
    qmi_message_##prefix##_output_unref (output);                                                            \
  }
