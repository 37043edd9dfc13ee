package app.fanmail.audiences.application;

import app.fanmail.audiences.domain.UploadProblem;

/** A line of an upload that is left out, and why. */
public record UploadProblemLine(int line, String openid, UploadProblem code) {
}
