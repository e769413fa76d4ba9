/*
 * media_type.h - does a Content-Type value name the media type we accept?
 *
 * The JSON body (body.h) and the url-encoded form (form.h) take the same
 * shape of header: the media type, case-insensitive, then at most one
 * parameter, and that only "charset=utf-8" (its value also quoted, as
 * RFC 9110 allows); blanks around each part. Any other parameter or
 * charset is refused: we read nothing but UTF-8, and a multipart
 * boundary would mean a body we do not parse.
 */
#ifndef CT_HTTP_MEDIA_TYPE_H
#define CT_HTTP_MEDIA_TYPE_H

/* 1 when content_type (NULL: absent) is media in UTF-8, else 0. */
int http_media_type_is(const char *content_type, const char *media);

#endif
