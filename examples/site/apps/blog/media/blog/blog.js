// Blog app: expand comments.
function toggleComments(button) { button.nextElementSibling.hidden = !button.nextElementSibling.hidden; }
