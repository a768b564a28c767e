// The only C header for libcurl. PlannerMail is the only Swift module that imports CCurl
// (see README "Layers").
//
// curl_easy_setopt and curl_easy_getinfo are variadic, and Swift cannot call C variadic
// functions, so each kind of option value gets one small typed wrapper here. Each passes its
// argument with the type libcurl reads for that option kind (curl.h: CURLOPTTYPE_LONG takes a
// long, CURLOPTTYPE_STRINGPOINT a char *, CURLOPTTYPE_SLISTPOINT a struct curl_slist *,
// CURLOPTTYPE_FUNCTIONPOINT a function pointer, CURLOPTTYPE_CBPOINT a void *).
#include <curl/curl.h>

/// An option that takes a long (CURLOPTTYPE_LONG, CURLOPTTYPE_VALUES).
static inline CURLcode ccurl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// An option that takes a string (CURLOPTTYPE_STRINGPOINT); libcurl copies it (curl 7.17+).
static inline CURLcode ccurl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// An option that takes a list of strings (CURLOPTTYPE_SLISTPOINT); the list must live until
/// the transfer ends.
static inline CURLcode ccurl_set_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/// An option that takes a data pointer handed back to a callback (CURLOPTTYPE_CBPOINT).
static inline CURLcode ccurl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/// CURLOPT_ERRORBUFFER: a buffer of at least CURL_ERROR_SIZE bytes.
static inline CURLcode ccurl_set_error_buffer(CURL *handle, char *buffer) {
    return curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, buffer);
}

/// CURLOPT_READFUNCTION: where the message to upload comes from.
typedef size_t (*ccurl_read_callback)(char *buffer, size_t size, size_t count, void *userdata);
static inline CURLcode ccurl_set_read_function(CURL *handle, ccurl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

/// CURLOPT_DEBUGFUNCTION: sees the protocol lines (used only to keep the server's replies).
typedef int (*ccurl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *userdata);
static inline CURLcode ccurl_set_debug_function(CURL *handle, ccurl_debug_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, callback);
}

/// curl_easy_getinfo for a long result (CURLINFO_LONG), e.g. CURLINFO_RESPONSE_CODE.
static inline CURLcode ccurl_get_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// An option that takes a curl_off_t (CURLOPTTYPE_OFF_T), e.g. CURLOPT_INFILESIZE_LARGE.
static inline CURLcode ccurl_set_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
