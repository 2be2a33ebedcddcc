package cn.jiangmen.vethub.console;

import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The model every console page needs ({@link ConsoleModelAdvice}: user, role, language
 * links) for the pages of files, drops and waiting work.
 */
@ControllerAdvice(assignableTypes = { InboxPageController.class, WaitingWorkController.class })
class InboxConsoleModelAdvice extends ConsoleModelAdvice {

}
